import { describe, expect, it } from 'vitest';
import { chime, encodeWav, normalise, parseWav, resample, silence, trimSilence, type Mono } from './audio';

const tone = (rate: number, seconds: number, amplitude: number, freq = 440) =>
  Float32Array.from(
    { length: Math.round(rate * seconds) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * freq * i) / rate),
  );
const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const rmsDb = ({ samples }: Mono) => 10 * Math.log10(samples.reduce((s, x) => s + x * x, 0) / samples.length);

describe('voice audio', () => {
  it('reads back the WAV it writes, and a pipe WAV whose data size is unset', () => {
    const audio = { rate: 22_050, samples: tone(22_050, 0.1, 0.5) };
    const bytes = encodeWav(audio);
    const read = parseWav(bytes);
    expect(read.rate).toBe(22_050);
    expect(read.samples).toHaveLength(audio.samples.length);
    expect(Math.abs(read.samples[100]! - audio.samples[100]!)).toBeLessThan(1e-4);
    new DataView(bytes.buffer).setUint32(40, 0x7fffffff, true);
    expect(parseWav(bytes).samples).toHaveLength(audio.samples.length);
  });

  it('refuses what is not 16-bit PCM WAV', () => {
    expect(() => parseWav(new TextEncoder().encode('OggS and more bytes'))).toThrow(/not a WAV/);
  });

  it('trims silence to the speech, leaving a short pad at each end', () => {
    const rate = 16_000;
    const audio = {
      rate,
      samples: concat(silence(rate, 0.5).samples, tone(rate, 0.3, 0.5), silence(rate, 0.4).samples),
    };
    const trimmed = trimSilence(audio, 0.03);
    expect(trimmed.samples.length / rate).toBeCloseTo(0.36, 1);
    expect(trimmed.samples[0]).toBe(0);
    expect(trimSilence(silence(rate, 1)).samples).toHaveLength(0);
  });

  it('brings quiet and loud speech to about the same level without clipping', () => {
    const quiet = normalise({ rate: 16_000, samples: tone(16_000, 0.5, 0.01) });
    const loud = normalise({ rate: 16_000, samples: tone(16_000, 0.5, 0.99) });
    expect(rmsDb(quiet)).toBeCloseTo(-20, 0);
    expect(rmsDb(loud)).toBeCloseTo(-20, 0);
    expect(Math.max(...quiet.samples.map(Math.abs))).toBeLessThan(0.9);
  });

  it('resamples to the new rate and keeps a tone below the new Nyquist', () => {
    const down = resample({ rate: 22_050, samples: tone(22_050, 0.5, 0.5) }, 16_000);
    expect(down.rate).toBe(16_000);
    expect(down.samples.length).toBe(8000);
    expect(rmsDb(down)).toBeCloseTo(rmsDb({ rate: 16_000, samples: tone(16_000, 0.5, 0.5) }), 0);
  });

  it('synthesises a chime of about 1.5 s that stays within range', () => {
    const bell = chime(48_000);
    expect(bell.samples.length / 48_000).toBeCloseTo(1.55, 2);
    expect(Math.max(...bell.samples.map(Math.abs))).toBeLessThanOrEqual(1);
  });
});
