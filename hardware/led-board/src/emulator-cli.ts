#!/usr/bin/env tsx
/**
 * The LED board emulator as a process: boards on a virtual RS-485 line (a socat pty pair, or a
 * serial port you name), printing what each board shows whenever it changes.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import { createPtyPair, type PtyPair } from '@novbe/serial';

import { type BoardSnapshot, LedBoardEmulator } from './led-board-emulator';

const HELP = `Usage: tsx hardware/led-board/src/emulator-cli.ts [options]

Emulates counter number boards answering Modbus RTU (functions 03, 06, 16) on one line.
Without --port it makes a virtual serial pair with socat and prints the path for the driver.

Options:
  --units <list>   board addresses on the line, e.g. 1,2,3 (default 1)
  --port <path>    answer on this serial port instead of a new pty pair
  --baud <n>       baud rate (default 9600)
  -h, --help       show this help

Commands on stdin:
  state                 print every board
  dead <unit>           the board stops answering    alive <unit>   it answers again
  corrupt <unit> [n]    its next n replies carry a bad CRC (default 1)
  quit`;

function describe(b: BoardSnapshot): string {
  const shown = b.display === '' ? '(blank)' : `[${b.display}]`;
  const blink = b.blinking ? `, blinking ${b.blinkSecondsLeft}s` : '';
  return `board ${b.unitId}: ${shown}${blink}, brightness ${b.brightness}%, ${b.mode}${b.dead ? ', DEAD' : ''}`;
}

function units(text: string): number[] {
  const list = text.split(',').map((u) => Number(u.trim()));
  if (list.some((u) => !Number.isInteger(u) || u < 1 || u > 247)) throw new Error(`bad --units "${text}"`);
  return list;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '1' },
      port: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  let pair: PtyPair | undefined;
  let path = values.port;
  if (path === undefined) {
    pair = await createPtyPair();
    path = pair.devicePath;
  }
  const emulator = await LedBoardEmulator.open(path, {
    units: units(values.units),
    baudRate: Number(values.baud),
  });
  const shutdown = async () => {
    await emulator.close();
    await pair?.close();
  };
  // socat must not outlive us: close the pair on Ctrl-C and on kill.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void shutdown().then(() => process.exit(0)));

  emulator.on('change', (b) => console.log(describe(b)));
  emulator.on('garbage', (bytes) => console.log(`dropped ${bytes.length} byte(s) of noise`));
  console.log(`boards ${values.units} answering Modbus RTU at ${values.baud} baud`);
  console.log(`driver port: ${pair ? pair.driverPath : `(far end of ${path})`}`);

  const rl = createInterface({ input: process.stdin });
  let quit = false;
  for await (const line of rl) {
    const [verb, arg, extra] = line.trim().split(/\s+/);
    try {
      if (verb === 'quit' || verb === 'exit') {
        quit = true;
        break;
      } else if (verb === 'state') emulator.boards().forEach((b) => console.log(describe(b)));
      else if (verb === 'dead' || verb === 'alive') {
        emulator.setDead(Number(arg), verb === 'dead');
        console.log(describe(emulator.board(Number(arg))));
      } else if (verb === 'corrupt') emulator.corruptCrc(Number(arg), Number(extra ?? 1));
      else if (verb) console.error(`unknown command "${verb}" (see --help)`);
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
    }
  }
  rl.close();
  // stdin at its end (started in the background, < /dev/null): keep serving until a signal.
  if (quit) await shutdown();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
