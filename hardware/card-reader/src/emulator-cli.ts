#!/usr/bin/env -S npx tsx
// Emulated ID-card reader for the demo center and for trying a driver by hand.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import { type EmulatedCardOptions, CardReaderEmulator, emulatedCardLines } from './card-reader-emulator';
import { hidReportsForCard } from './hid-reports';
import type { SerialFraming } from './serial-read-encoding';
import { type CheckDigitField, randomTestCardSpec } from './test-card';

const USAGE = `Usage: tsx hardware/card-reader/src/emulator-cli.ts [options]

Emulates a serial MRZ reader on a pty pair (socat) and presents Azerbaijani ID cards (ICAO 9303 TD1)
with valid check digits. Open the printed port with SerialCardReader. Presents a card each time you
press Enter, or every --every ms. With --hid, prints the keyboard-wedge HID reports instead (hex).

Port
  --reader <path>        where the reader's port appears (default: a temp dir)
  --every <ms>           present a card every <ms> instead of on Enter
  --count <n>            stop after n cards

Card
  --surname <NAME>       MRZ Latin capitals (default MAMMADOVA)
  --given <NAME>         (default AYSEL)
  --fin <FIN>            7 characters, no I or O (default 5ZR7HN2)
  --document <NUMBER>    (default AA1234567)
  --birth <YYYY-MM-DD>   --expiry <YYYY-MM-DD>   --sex <M|F>
  --expired              the card expired last January
  --bad-check <field>    documentNumber | birthDate | expiryDate | composite
  --random               a different made-up citizen for every card

Bytes
  --framing <f>          crlf (default) | cr | stx-etx | joined
  --noise <n>            sprinkle n noise bytes into the read
  --split                send in random 1–8 byte chunks, 2 ms apart
  --garbage              send a garbage line before the card
  --truncate <n>         send only the first n bytes

HID
  --hid                  print boot-keyboard reports for the card, one per line, and exit
  --report-id <n>        prefix each report with this report id

  -h, --help             this text
`;

const CHECK_FIELDS = ['documentNumber', 'birthDate', 'expiryDate', 'composite'] as const;
const FRAMINGS = ['crlf', 'cr', 'stx-etx', 'joined'] as const;

class UsageError extends Error {
  override name = 'UsageError';
}

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      reader: { type: 'string' },
      every: { type: 'string' },
      count: { type: 'string' },
      surname: { type: 'string' },
      given: { type: 'string' },
      fin: { type: 'string' },
      document: { type: 'string' },
      birth: { type: 'string' },
      expiry: { type: 'string' },
      sex: { type: 'string' },
      expired: { type: 'boolean' },
      'bad-check': { type: 'string' },
      random: { type: 'boolean' },
      framing: { type: 'string' },
      noise: { type: 'string' },
      split: { type: 'boolean' },
      garbage: { type: 'boolean' },
      truncate: { type: 'string' },
      hid: { type: 'boolean' },
      'report-id': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const int = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0)
      throw new UsageError(`--${name} expects a whole number, got "${text}"`);
    return n;
  };
  const oneOf = <T extends string>(name: string, text: string | undefined, allowed: readonly T[]) => {
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      throw new UsageError(`--${name} expects one of ${allowed.join(', ')}, got "${text}"`);
    }
    return text as T;
  };
  const card: EmulatedCardOptions = {
    ...(values.surname && { surname: values.surname }),
    ...(values.given && { givenNames: values.given }),
    ...(values.fin && { fin: values.fin }),
    ...(values.document && { documentNumber: values.document }),
    ...(values.birth && { birthDate: values.birth }),
    ...(values.expiry && { expiryDate: values.expiry }),
    ...(values.sex && { sex: oneOf('sex', values.sex, ['M', 'F'] as const)! }),
    ...(values.expired && { expired: true }),
    ...(values['bad-check'] && {
      badCheckDigit: oneOf<CheckDigitField>('bad-check', values['bad-check'], CHECK_FIELDS)!,
    }),
  };
  return {
    help: values.help ?? false,
    random: values.random ?? false,
    hid: values.hid ?? false,
    reportId: int('report-id', values['report-id']),
    reader: values.reader,
    every: int('every', values.every),
    count: int('count', values.count),
    card,
    framing: oneOf<SerialFraming>('framing', values.framing, FRAMINGS) ?? 'crlf',
    noise: int('noise', values.noise) ?? 0,
    split: values.split ?? false,
    garbage: values.garbage ?? false,
    truncate: int('truncate', values.truncate),
  };
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseCli>;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const today = new Date().toISOString().slice(0, 10);
  const cardLines = () =>
    emulatedCardLines(
      options.random ? { ...randomTestCardSpec(Math.random, today), ...options.card } : options.card,
    );
  const lines = cardLines();

  if (options.hid) {
    const reports = hidReportsForCard(
      lines,
      options.reportId === undefined ? {} : { reportId: options.reportId },
    );
    process.stdout.write(reports.map((report) => `${report.toString('hex')}\n`).join(''));
    return 0;
  }

  const emulator = await CardReaderEmulator.start(options.reader ? { readerPath: options.reader } : {});
  process.stdout.write(`card reader port: ${emulator.path}\n`);
  let presented = 0;
  let stopping = false;
  const present = async () => {
    await emulator.presentCard(options.random ? cardLines() : lines, {
      framing: options.framing,
      noiseBytes: options.noise,
      garbageBefore: options.garbage,
      ...(options.truncate !== undefined && { truncateTo: options.truncate }),
      ...(options.split && { chunkSize: { min: 1, max: 8 }, chunkDelayMs: 2 }),
    });
    presented++;
    // The emulator's cards are made up, but the habit holds: say that a card went, never what is on it.
    const lost =
      emulator.droppedBytes > 0 ? ` (nobody reading: ${emulator.droppedBytes} bytes dropped so far)` : '';
    process.stdout.write(`card ${presented} presented${lost}\n`);
  };

  return await new Promise<number>((resolve) => {
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      clearInterval(timer);
      input?.close();
      void emulator.stop().then(() => resolve(code));
    };
    const next = () => {
      if (stopping) return;
      present()
        .then(() => {
          if (options.count !== undefined && presented >= options.count) stop(0);
        })
        .catch((error: Error) => {
          process.stderr.write(`cannot present the card: ${error.message}\n`);
          stop(1);
        });
    };
    let timer: NodeJS.Timeout | undefined;
    let input: ReturnType<typeof createInterface> | undefined;
    if (options.every !== undefined) {
      timer = setInterval(next, options.every);
    } else {
      process.stdout.write('press Enter to present a card, Ctrl-D to stop\n');
      input = createInterface({ input: process.stdin });
      input.on('line', next);
      input.on('close', () => stop(0));
    }
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
  });
}

// A closed pipe (`| head`) is the reader of our output leaving, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});
process.exitCode = await main();
