import { describe, expect, it } from 'vitest';

import { parseIdCardMrz } from './parse-id-card';
import { corruptCheckDigit, generateTestCard } from './test-card';

const now = new Date('2026-05-01T08:00:00Z');
const ICAO_TD1 = [
  'I<UTOD23145890<1233<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<2',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];

describe('parseIdCardMrz', () => {
  it('reads an Azerbaijani ID card', () => {
    const card = generateTestCard();
    expect(card.lines).toEqual([
      'IDAZEAA123456785ZR7HN2<<<<<<<<',
      '9003152F3406304AZE<<<<<<<<<<<8',
      'MAMMADOVA<<AYSEL<<<<<<<<<<<<<<',
    ]);
    expect(parseIdCardMrz(card.lines, { now })).toEqual({
      ok: true,
      value: {
        fin: '5ZR7HN2',
        documentNumber: 'AA1234567',
        surname: 'MAMMADOVA',
        givenNames: 'AYSEL',
        birthDate: '1990-03-15',
        expiryDate: '2034-06-30',
        sex: 'female',
        nationality: 'AZE',
      },
    });
  });

  it('reads two given names, a man, and a long document number that overflows into the optional data', () => {
    const card = generateTestCard({
      surname: 'HUSEYNOV',
      givenNames: 'ELCHIN RASHAD',
      sex: 'M',
      documentNumber: 'AZE12345678',
      fin: '2X9KPL7',
    });
    expect(card.lines[0]).toMatch(/^IDAZEAZE123456<78\d<2X9KPL7<+$/);
    const result = parseIdCardMrz(card.lines, { now });
    expect(result).toEqual({ ok: true, value: card.expected });
    expect(result.ok && result.value.givenNames).toBe('ELCHIN RASHAD');
  });

  it('verifies the ICAO specimen check digits (overflowing document number) and then asks for a FIN', () => {
    // Utopia is not a real state code; states are outside every check digit, so AZE keeps them valid.
    const specimen = ICAO_TD1.map((line) => line.replace('UTO', 'AZE'));
    expect(parseIdCardMrz(specimen, { now })).toMatchObject({
      ok: false,
      error: { reason: 'bad-fin', field: 'fin' },
    });
  });

  it.each(['documentNumber', 'birthDate', 'expiryDate', 'composite'] as const)(
    'rejects a bad %s check digit, naming the field',
    (field) => {
      const lines = corruptCheckDigit(generateTestCard().lines, field);
      expect(parseIdCardMrz(lines, { now })).toEqual({
        ok: false,
        error: { reason: 'bad-check-digit', field, message: expect.stringContaining('check digit') },
      });
    },
  );

  it('names the composite when only the FIN was misread (no field check digit covers it)', () => {
    const [line1, line2, line3] = generateTestCard().lines;
    const misread = line1.replace('5ZR7HN2', '5ZR7HN3');
    expect(parseIdCardMrz([misread, line2, line3], { now })).toMatchObject({
      ok: false,
      error: { reason: 'bad-check-digit', field: 'composite' },
    });
  });

  it('accepts a card on its last day in Baku and rejects it a minute after midnight there', () => {
    const card = generateTestCard({ expiryDate: '2026-05-01' });
    // 23:59 in Baku (UTC+4) is still 1 May; 00:01 on 2 May in Baku is 20:01 UTC on 1 May.
    expect(parseIdCardMrz(card.lines, { now: new Date('2026-05-01T19:59:00Z') }).ok).toBe(true);
    expect(parseIdCardMrz(card.lines, { now: new Date('2026-05-01T20:01:00Z') })).toMatchObject({
      ok: false,
      error: { reason: 'expired', field: 'expiryDate' },
    });
  });

  it('puts two-digit birth years in the right century', () => {
    for (const birthDate of ['1930-01-01', '2010-06-01', '1926-06-01', '2026-04-30']) {
      const result = parseIdCardMrz(generateTestCard({ birthDate }).lines, { now });
      expect(result.ok && result.value.birthDate).toBe(birthDate);
    }
  });

  it('rejects a passport (TD3) and a TD2 document as not an ID card', () => {
    const td3 = [
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ];
    const td2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
    expect(parseIdCardMrz(td3, { now })).toMatchObject({ ok: false, error: { reason: 'not-an-id-card' } });
    expect(parseIdCardMrz(td2, { now })).toMatchObject({ ok: false, error: { reason: 'not-an-id-card' } });
  });

  it('rejects a TD1 document that is not an ID card, or not issued by Azerbaijan', () => {
    const crew = generateTestCard({ documentCode: 'AC' }).lines;
    expect(parseIdCardMrz(crew, { now })).toMatchObject({
      ok: false,
      error: { reason: 'not-an-id-card', field: 'documentCode' },
    });
    expect(parseIdCardMrz(ICAO_TD1, { now })).toMatchObject({
      ok: false,
      error: { reason: 'not-an-id-card', field: 'issuingState' },
    });
  });

  it.each([
    ['contains the letter O', '5ZR7HO2'],
    ['contains the letter I', 'I234567'],
    ['is too short', '5ZR7HN'],
    ['is missing', ''],
  ])('rejects a FIN that %s', (_, fin) => {
    const lines = generateTestCard({ fin }).lines;
    expect(parseIdCardMrz(lines, { now })).toMatchObject({
      ok: false,
      error: { reason: 'bad-fin', field: 'fin' },
    });
  });

  it('rejects dates that do not exist even when their check digits agree', () => {
    expect(parseIdCardMrz(generateTestCard({ birthDate: '1990-13-01' }).lines, { now })).toMatchObject({
      ok: false,
      error: { reason: 'garbled', field: 'birthDate' },
    });
    expect(parseIdCardMrz(generateTestCard({ expiryDate: '2030-02-30' }).lines, { now })).toMatchObject({
      ok: false,
      error: { reason: 'garbled', field: 'expiryDate' },
    });
  });

  it('rejects garbled and partial reads', () => {
    const [line1, line2, line3] = generateTestCard().lines;
    expect(parseIdCardMrz([line1, line2], { now })).toMatchObject({
      ok: false,
      error: { reason: 'partial' },
    });
    expect(parseIdCardMrz([line1, line2, line3.toLowerCase()], { now })).toMatchObject({
      ok: false,
      error: { reason: 'garbled' },
    });
    expect(parseIdCardMrz([line1, line2.slice(1), line3], { now })).toMatchObject({
      ok: false,
      error: { reason: 'garbled' },
    });
    expect(parseIdCardMrz([line1, line2, line3.replace('AYSEL', 'AYS3L')], { now })).toMatchObject({
      ok: false,
      error: { reason: 'garbled', field: 'names' },
    });
    expect(parseIdCardMrz([], { now })).toMatchObject({ ok: false, error: { reason: 'garbled' } });
  });

  it('never puts MRZ content in a rejection message', () => {
    const [line1, line2, line3] = generateTestCard().lines;
    const cases = [
      [line1, line2, line3.replace('AYSEL', 'AYS3L')],
      corruptCheckDigit([line1, line2, line3], 'composite'),
      generateTestCard({ fin: '5ZR7HO2' }).lines,
    ];
    for (const lines of cases) {
      const result = parseIdCardMrz(lines, { now });
      expect(result.ok).toBe(false);
      const text = JSON.stringify(result);
      for (const secret of ['5ZR7H', 'AYS', 'MAMMADOVA', 'AA1234567', '900315'])
        expect(text).not.toContain(secret);
    }
  });
});
