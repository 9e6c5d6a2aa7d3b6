import { describe, expect, it } from 'vitest';

import { MrzReadAssembler } from './mrz-read-assembler';
import { generateTestCard } from './test-card';

const { lines } = generateTestCard();
const [line1, line2, line3] = lines;

function pushAll(assembler: MrzReadAssembler, raw: readonly string[]) {
  return raw.flatMap((line) => assembler.pushLine(line));
}

describe('MrzReadAssembler', () => {
  it('groups three TD1 lines into one read', () => {
    const assembler = new MrzReadAssembler();
    expect(pushAll(assembler, [line1, line2])).toEqual([]);
    expect(assembler.pendingLines).toBe(2);
    expect(assembler.pushLine(line3)).toEqual([{ kind: 'lines', lines: [...lines] }]);
    expect(assembler.pendingLines).toBe(0);
  });

  it('strips noise bytes, spaces and STX, and ignores lines of pure noise', () => {
    const assembler = new MrzReadAssembler();
    const noisy = (line: string) => `\x00 ${line.slice(0, 10)}\x11\ufffd${line.slice(10)}\x13 \x7f`;
    expect(pushAll(assembler, ['\x00\x00', `\x02${noisy(line1)}`, noisy(line2), '', noisy(line3)])).toEqual([
      { kind: 'lines', lines: [...lines] },
    ]);
  });

  it('splits a read that arrives as one joined line', () => {
    expect(new MrzReadAssembler().pushLine(lines.join(''))).toEqual([{ kind: 'lines', lines: [...lines] }]);
  });

  it('refuses a garbage line and starts afresh, so the next card is read', () => {
    const assembler = new MrzReadAssembler();
    const events = pushAll(assembler, [line1, '#?~ !! *** ~?#', ...lines]);
    expect(events).toEqual([
      { kind: 'reject', rejection: expect.objectContaining({ reason: 'garbled' }) },
      { kind: 'lines', lines: [...lines] },
    ]);
  });

  it('refuses a line of the wrong length', () => {
    expect(new MrzReadAssembler().pushLine(line1.slice(0, 29))).toEqual([
      { kind: 'reject', rejection: expect.objectContaining({ reason: 'garbled' }) },
    ]);
  });

  it('reports the unfinished read as partial when STX opens a new one', () => {
    const assembler = new MrzReadAssembler();
    const events = pushAll(assembler, [`\x02${line1}`, line2, `\x02${line1}`, line2, line3]);
    expect(events).toEqual([
      { kind: 'reject', rejection: expect.objectContaining({ reason: 'partial' }) },
      { kind: 'lines', lines: [...lines] },
    ]);
  });

  it('groups passport lines in twos, for the parser to refuse', () => {
    const td3 = [
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ];
    expect(pushAll(new MrzReadAssembler(), td3)).toEqual([{ kind: 'lines', lines: td3 }]);
  });

  it('on silence, reports partial only when a read was under way', () => {
    const assembler = new MrzReadAssembler();
    expect(assembler.abandon(false)).toBeNull();
    expect(assembler.abandon(true)).toMatchObject({ reason: 'partial' });
    assembler.pushLine(line1);
    expect(assembler.abandon(false)).toMatchObject({ reason: 'partial' });
    expect(assembler.pendingLines).toBe(0);
  });
});
