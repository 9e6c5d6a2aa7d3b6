import { describe, expect, it } from 'vitest';

import { computeMrzCheckDigit } from './check-digit';

describe('computeMrzCheckDigit', () => {
  // Published values from the ICAO 9303 part 5/4 specimens (Anna Maria Eriksson).
  it.each([
    ['740812', '2'],
    ['120415', '9'],
    ['L898902C3', '6'],
    ['D23145890123', '3'],
    ['D23145890<1233<<<<<<<<<<<' + '7408122' + '1204159' + '<<<<<<<<<<<', '2'],
  ])('%s → %s', (text, digit) => {
    expect(computeMrzCheckDigit(text)).toBe(digit);
  });

  it('counts the filler as zero', () => {
    expect(computeMrzCheckDigit('<<<')).toBe('0');
    expect(computeMrzCheckDigit('A<<')).toBe(computeMrzCheckDigit('A'));
  });

  it('refuses characters outside the MRZ alphabet', () => {
    expect(() => computeMrzCheckDigit('a')).toThrow(RangeError);
  });
});
