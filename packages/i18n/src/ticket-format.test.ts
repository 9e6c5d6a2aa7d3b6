import { describe, expect, it } from 'vitest';
import { CATALOGUE_LANGUAGES, defineCatalogue, fill } from './catalogue';
import {
  formatEstimatedWait,
  formatIssuedAt,
  formatMinutes,
  formatPeopleAhead,
  formatTicketDateTime,
} from './ticket-format';
import { ticketMessages } from './ticket-messages';

describe('ticket catalogue', () => {
  it('has every label, non-empty, in every language', () => {
    const keys = Object.keys(ticketMessages.en).sort();
    for (const language of CATALOGUE_LANGUAGES) {
      const messages = ticketMessages[language];
      expect(Object.keys(messages).sort()).toEqual(keys);
      for (const [key, value] of Object.entries(messages)) {
        if (key === 'months') expect(value).toHaveLength(12);
        else expect((value as string).trim(), `${language}.${key}`).not.toBe('');
      }
    }
  });

  it('uses the Azerbaijani letters rather than look-alikes', () => {
    expect(ticketMessages.az.yourNumber).toBe('Sizin nömrəniz');
    expect(ticketMessages.az.yourNumber).toContain('ə'); // U+0259, not the Cyrillic ә (U+04D9)
    expect([...ticketMessages.az.yourNumber].some((c) => c === '\u04d9')).toBe(false);
  });

  it('rejects a catalogue without a language and a template without its value', () => {
    expect(() => defineCatalogue({ az: { a: 'x' }, ru: { a: 'y' } } as never)).toThrow(/"en"/);
    expect(() => fill('{count} left', {})).toThrow(/count/);
  });
});

describe('ticket formatting', () => {
  it('formats people ahead, with a friendly line for nobody', () => {
    expect(formatPeopleAhead('az', 5)).toBe('Qarşınızda: 5 nəfər');
    expect(formatPeopleAhead('ru', 0)).toBe('Перед вами никого нет');
    expect(formatPeopleAhead('en', 12)).toBe('People ahead: 12');
    expect(() => formatPeopleAhead('en', -1)).toThrow(RangeError);
  });

  it('formats wait ranges in minutes and hours', () => {
    expect(formatEstimatedWait('az', 10, 15)).toBe('Təxmini gözləmə: 10–15 dəq');
    expect(formatEstimatedWait('ru', 0, 0.4)).toBe('Ожидание: меньше минуты');
    expect(formatEstimatedWait('en', 20, 20)).toBe('Estimated wait: 20 min');
    expect(formatEstimatedWait('en', 50, 80)).toBe('Estimated wait: 50 min – 1 h 20 min');
    expect(formatMinutes('az', 120)).toBe('2 saat');
    expect(() => formatEstimatedWait('en', 10, 5)).toThrow(RangeError);
  });

  it("prints the date in the center's time zone, not the machine's", () => {
    // 2025-11-25T05:05:00Z is 09:05 in Baku (UTC+4) and 08:05 in Moscow (UTC+3).
    const instant = Date.UTC(2025, 10, 25, 5, 5);
    expect(formatTicketDateTime('az', instant, 'Asia/Baku')).toBe('25 noy 2025, 09:05');
    expect(formatTicketDateTime('ru', instant, 'Europe/Moscow')).toBe('25 ноя 2025, 08:05');
    expect(formatIssuedAt('en', Date.UTC(2025, 0, 1, 20, 0), 'Asia/Baku')).toBe('Issued: 2 Jan 2025, 00:00');
  });
});
