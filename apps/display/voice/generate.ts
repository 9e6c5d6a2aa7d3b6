/**
 * Builds the display's voice pack with Debian's espeak-ng (and opus-tools' opusenc for Ogg Opus):
 *
 *   npx tsx apps/display/voice/generate.ts [--out DIR] [--languages az,ru,en] [--format opus|wav]
 *                                          [--bitrate KBPS] [--speed WPM]
 *
 * Every clip is spoken, trimmed to its speech, evened out in loudness and written under
 * DIR/<lang>/<name>.<ext>; the chime and the pause under DIR/common/; DIR/manifest.json lists
 * them all. The README beside this file describes the layout and how to replace a clip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chime, encodeWav, normalise, parseWav, resample, silence, trimSilence, type Mono } from './audio';
import { ESPEAK_VOICE, VOICE_LANGUAGES, voiceScript, type VoiceLanguage } from './voice-script';

const USAGE = `usage: npx tsx apps/display/voice/generate.ts [options]
  --out DIR            where the pack goes (default: apps/display/voice/pack)
  --languages LIST     comma-separated, of az,ru,en (default: all); other languages' clips stay
  --format opus|wav    Ogg Opus via opusenc (default), or 16 kHz mono 16-bit WAV
  --bitrate KBPS       Opus bitrate for speech, 6–128 (default 24; the chime gets at least 48)
  --speed WPM          espeak-ng speaking rate, 80–300 words a minute (default 150)
  --help               this text`;

/** One line and the usage, exit 2: a bad flag never ends in a stack trace. */
function fail(message: string): never {
  console.error(`error: ${message}\n${USAGE}`);
  process.exit(2);
}

type Options = {
  out: string;
  languages: VoiceLanguage[];
  format: 'opus' | 'wav';
  bitrate: number;
  speed: number;
};

function readOptions(args: string[]): Options {
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        out: { type: 'string' },
        languages: { type: 'string' },
        format: { type: 'string' },
        bitrate: { type: 'string' },
        speed: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    return fail((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      fail(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
  const languages = (values.languages ?? VOICE_LANGUAGES.join(',')).split(',').map((l) => l.trim());
  const unknown = languages.filter((l) => !(VOICE_LANGUAGES as readonly string[]).includes(l));
  if (unknown.length > 0 || languages.length === 0)
    fail(`--languages takes some of ${VOICE_LANGUAGES.join(',')}, got "${values.languages}"`);
  const format = values.format ?? 'opus';
  if (format !== 'opus' && format !== 'wav') fail(`--format must be opus or wav, got "${format}"`);
  if (values.out === '') fail('--out must name a folder');
  return {
    out: values.out ?? join(dirname(fileURLToPath(import.meta.url)), 'pack'),
    languages: [...new Set(languages)] as VoiceLanguage[],
    format,
    bitrate: whole('bitrate', values.bitrate, 24, 6, 128),
    speed: whole('speed', values.speed, 150, 80, 300),
  };
}

/** Runs a tool, returning its stdout; a missing tool or a failure ends the program with one line. */
function run(tool: string, args: string[], input?: Uint8Array, hint = ''): Buffer {
  const result = spawnSync(tool, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    console.error(`error: ${missing ? `${tool} is not installed${hint}` : result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`error: ${tool} ${args.join(' ')} failed: ${result.stderr.toString().trim()}`);
    process.exit(1);
  }
  return result.stdout;
}

function speak(lang: VoiceLanguage, text: string, speed: number): Mono {
  const wav = run(
    'espeak-ng',
    ['-v', ESPEAK_VOICE[lang], '-s', String(speed), '--stdout', text],
    undefined,
    ' (apt-get install espeak-ng)',
  );
  return normalise(trimSilence(parseWav(wav)));
}

function write(audio: Mono, path: string, options: Options, bitrate: number): void {
  mkdirSync(dirname(path), { recursive: true });
  if (options.format === 'wav') {
    writeFileSync(path, encodeWav(resample(audio, 16_000)));
    return;
  }
  // A fixed stream serial keeps a regenerated pack byte-identical, so git sees only real changes.
  const args = ['--quiet', '--bitrate', String(bitrate), '--comp', '10', '--serial', '1', '-', path];
  run('opusenc', args, encodeWav(audio), ' (apt-get install opus-tools, or use --format wav)');
}

type ManifestClip = { file: string; seconds: number; say: string };
type Manifest = {
  format: 'ogg-opus' | 'wav';
  languages: VoiceLanguage[];
  generator: string;
  clips: Record<string, ManifestClip>;
};

function main(): void {
  const options = readOptions(process.argv.slice(2));
  const ext = options.format === 'opus' ? 'ogg' : 'wav';
  const manifestPath = join(options.out, 'manifest.json');
  const previous: Manifest | undefined = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest)
    : undefined;
  const format = options.format === 'opus' ? 'ogg-opus' : 'wav';
  // Keep the languages not regenerated this time, if they are in the same format.
  const kept = Object.entries(previous?.format === format ? previous.clips : {}).filter(([name]) => {
    const folder = name.split('/')[0] ?? '';
    return folder !== 'common' && !options.languages.some((l) => l === folder);
  });
  const clips: Record<string, ManifestClip> = Object.fromEntries(kept);
  const banner = run('espeak-ng', ['--version'], undefined, ' (apt-get install espeak-ng)').toString();
  const version = `espeak-ng ${/\d+\.\d+\S*/.exec(banner)?.[0] ?? '?'}`;

  const add = (name: string, audio: Mono, say: string, bitrate = options.bitrate) => {
    const file = `${name}.${ext}`;
    write(audio, join(options.out, file), options, bitrate);
    clips[name] = { file, seconds: Math.round((audio.samples.length / audio.rate) * 1000) / 1000, say };
  };
  add(
    'common/chime',
    normalise(chime(48_000), -22),
    '(a two-tone chime, about 1.5 s)',
    Math.max(options.bitrate, 48),
  );
  add('common/pause', silence(48_000, 0.25), '(0.25 s of silence: between the parts of a call)');
  for (const lang of options.languages) {
    const lines = voiceScript(lang);
    for (const line of lines)
      add(`${lang}/${line.name}`, speak(lang, line.espeak ?? line.say, options.speed), line.say);
    console.log(`${lang}: ${lines.length} clips`);
  }

  const languages = VOICE_LANGUAGES.filter((l) =>
    Object.keys(clips).some((name) => name.startsWith(`${l}/`)),
  );
  const sorted = Object.fromEntries(Object.entries(clips).sort(([a], [b]) => (a < b ? -1 : 1)));
  const manifest: Manifest = {
    format,
    languages,
    generator: `${version}, speed ${options.speed}`,
    clips: sorted,
  };
  // Laid out as Prettier would (a short array on one line), so `prettier --check` passes on it.
  const json = JSON.stringify(manifest, null, 2).replace(/\[[^\]{}]*\]/, (list) =>
    list.replace(/\s*\n\s*/g, '').replace(/,/g, ', '),
  );
  writeFileSync(manifestPath, `${json}\n`);
  console.log(`${Object.keys(clips).length} clips in ${options.out}`);
}

main();
