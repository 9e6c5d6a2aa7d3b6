/**
 * The little signal processing the voice pack needs, on mono float samples in [-1, 1]: read and
 * write 16-bit PCM WAV, trim silence, even out loudness, resample, and synthesise the chime.
 */
export type Mono = { rate: number; samples: Float32Array };

/** Reads a 16-bit PCM WAV (mono, or the first channel); tolerates espeak-ng's unset data size. */
export function parseWav(bytes: Uint8Array): Mono {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let at = 12;
  let rate = 0;
  let channels = 1;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      if (view.getUint16(at + 8, true) !== 1 || view.getUint16(at + 22, true) !== 16)
        throw new Error('only 16-bit PCM WAV is read');
      channels = view.getUint16(at + 10, true);
      rate = view.getUint32(at + 12, true);
    } else if (id === 'data') {
      // A writer to a pipe cannot know the size in advance: take what is there.
      const end = Math.min(bytes.length, at + 8 + size);
      const frames = Math.floor((end - at - 8) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = view.getInt16(at + 8 + i * 2 * channels, true) / 32768;
      return { rate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV file has no data');
}

/** Writes mono 16-bit PCM WAV. */
export function encodeWav({ rate, samples }: Mono): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const put = (at: number, text: string) => [...text].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  put(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  put(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  put(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) =>
    view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true),
  );
  return bytes;
}

/** Root mean square of a run of samples. */
function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
}

const dB = (db: number) => 10 ** (db / 20);

/**
 * Cuts the silence before the first and after the last 10 ms window louder than `thresholdDb`
 * below the clip's loudest window, then leaves `padSec` of silence at each end so words set
 * end to end do not run into each other.
 */
export function trimSilence({ rate, samples }: Mono, padSec = 0.03, thresholdDb = -40): Mono {
  const win = Math.max(1, Math.round(rate * 0.01));
  const levels: number[] = [];
  for (let at = 0; at < samples.length; at += win)
    levels.push(rms(samples, at, Math.min(samples.length, at + win)));
  const loudest = Math.max(0, ...levels);
  if (loudest === 0) return { rate, samples: new Float32Array(0) };
  const voiced = (level: number) => level >= loudest * dB(thresholdDb);
  const first = levels.findIndex(voiced);
  const last = levels.length - 1 - [...levels].reverse().findIndex(voiced);
  const pad = Math.round(rate * padSec);
  const body = samples.subarray(first * win, Math.min(samples.length, (last + 1) * win));
  const out = new Float32Array(body.length + 2 * pad);
  out.set(body, pad);
  // Fade the cut edges over 5 ms so a cut inside a breath cannot click.
  const fade = Math.min(Math.round(rate * 0.005), Math.floor(body.length / 2));
  for (let i = 0; i < fade; i++) {
    out[pad + i]! *= i / fade;
    out[pad + body.length - 1 - i]! *= i / fade;
  }
  return { rate, samples: out };
}

/**
 * Scales a clip so its speech (the 10 ms windows within 30 dB of the loudest) has an RMS of
 * `targetDb` dBFS, never letting a peak pass `peakDb`: rough, but every clip of a pack then
 * sounds about as loud as the next.
 */
export function normalise({ rate, samples }: Mono, targetDb = -20, peakDb = -1): Mono {
  const win = Math.max(1, Math.round(rate * 0.01));
  const levels: number[] = [];
  for (let at = 0; at < samples.length; at += win)
    levels.push(rms(samples, at, Math.min(samples.length, at + win)));
  const loudest = Math.max(0, ...levels);
  if (loudest === 0) return { rate, samples };
  const speech = levels.filter((l) => l >= loudest * dB(-30));
  const level = Math.sqrt(speech.reduce((sum, l) => sum + l * l, 0) / speech.length);
  const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
  const gain = Math.min(dB(targetDb) / level, dB(peakDb) / peak);
  return { rate, samples: samples.map((s) => s * gain) };
}

/** Resampling: a windowed-sinc low-pass below the new Nyquist, then linear interpolation. */
export function resample({ rate, samples }: Mono, to: number): Mono {
  if (rate === to) return { rate, samples };
  let source = samples;
  if (to < rate) {
    const cutoff = (0.45 * to) / rate; // cycles per input sample
    const half = 16;
    const taps = Array.from({ length: 2 * half + 1 }, (_, k) => {
      const x = k - half;
      const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      return sinc * (0.54 + 0.46 * Math.cos((Math.PI * x) / half)); // Hamming window
    });
    const sum = taps.reduce((a, b) => a + b, 0);
    source = samples.map(
      (_, i) => taps.reduce((acc, t, k) => acc + t * (samples[i + k - half] ?? 0), 0) / sum,
    );
  }
  const length = Math.floor((samples.length * to) / rate);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const x = (i * rate) / to;
    const j = Math.floor(x);
    const a = source[j] ?? 0;
    const b = source[j + 1] ?? a;
    out[i] = a + (b - a) * (x - j);
  }
  return { rate: to, samples: out };
}

/** `seconds` of silence. */
export function silence(rate: number, seconds: number): Mono {
  return { rate, samples: new Float32Array(Math.round(rate * seconds)) };
}

/**
 * A two-tone bell chime ("ding-dong", E5 then C5): each note a sine with two softer overtones,
 * a 5 ms attack and an exponential decay, the second starting while the first still rings.
 */
export function chime(rate: number): Mono {
  const notes = [
    { freq: 659.25, at: 0, length: 0.9 },
    { freq: 523.25, at: 0.45, length: 1.1 },
  ];
  const samples = new Float32Array(Math.round(rate * 1.55));
  for (const { freq, at, length } of notes) {
    const start = Math.round(at * rate);
    const n = Math.min(samples.length - start, Math.round(length * rate));
    for (let i = 0; i < n; i++) {
      const t = i / rate;
      const envelope = Math.min(1, t / 0.005) * Math.exp(-t * 4) * Math.min(1, (n - i) / (rate * 0.02));
      const tone =
        Math.sin(2 * Math.PI * freq * t) +
        0.3 * Math.sin(2 * Math.PI * 2 * freq * t) +
        0.1 * Math.sin(2 * Math.PI * 3 * freq * t);
      samples[start + i]! += 0.4 * envelope * tone;
    }
  }
  return { rate, samples };
}
