#!/usr/bin/env tsx
/**
 * The keypad emulator as a process: serves a keypad's HID reports over TCP for a display agent
 * (or the demo center) using `tcpKeypad(...)`, and takes key actions from stdin or --script.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

import { hex } from './errors';
import { KeypadEmulator } from './keypad-emulator';

const HELP = `Usage: tsx hardware/buttons/src/emulator-cli.ts [options]

Emulates a USB call-next keypad and serves its HID input reports over TCP
(frames: length byte + report bytes). Connect a KeypadWatcher with tcpKeypad({ port }).

Options:
  --port <n>         TCP port to listen on (default 9310; 0 picks a free one)
  --host <addr>      address to bind (default 127.0.0.1)
  --vid <id>         USB vendor id the keypad claims (default 0x1189)
  --pid <id>         USB product id (default 0x8890)
  --report-id <n>    prefix keyboard reports with this report id (default: plain 8-byte reports)
  --script <steps>   run these steps, separated by ";", then exit
  -h, --help         show this help

Steps (also typed on stdin, one per line):
  press <key>        key down then up, e.g. "press F13" or "press Ctrl+Alt+1"
  hold <key>         key down          release [key]   key up (all keys if none given)
  repeat [n]         resend the current report n times (a held key on some keypads)
  chatter <key> [n]  a bouncing contact: down, (up, down) x n, up
  raw <hex bytes>    send any bytes as a report, e.g. "raw 00 00 68 00 00 00 00 00"
  unplug | replug    pull the cable / plug it back in
  wait <ms>          pause (useful in --script)
  quit
Default keymap: F13 next, F14 recall, F15 no-show, F16 start, F17 done, F18 transfer, F19 pause.`;

function usbId(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new Error(`not a USB id: ${text}`);
  return n;
}

async function run(emulator: KeypadEmulator, line: string): Promise<boolean> {
  const [verb, ...args] = line.trim().split(/\s+/);
  const show = (reports: Buffer | Buffer[]) =>
    (Array.isArray(reports) ? reports : [reports]).forEach((r) => console.log(`report ${hex(r)}`));
  switch (verb) {
    case undefined:
    case '':
      return true;
    case 'press':
      show(emulator.press(need(args[0], 'press <key>')));
      return true;
    case 'hold':
      show(emulator.hold(need(args[0], 'hold <key>')));
      return true;
    case 'release':
      show(emulator.release(args[0]));
      return true;
    case 'repeat':
      show(emulator.repeat(Number(args[0] ?? 1)));
      return true;
    case 'chatter':
      show(emulator.chatter(need(args[0], 'chatter <key> [n]'), Number(args[1] ?? 3)));
      return true;
    case 'raw':
      show(emulator.send(Buffer.from(args.join(''), 'hex')));
      return true;
    case 'unplug':
      await emulator.unplug();
      console.log('unplugged');
      return true;
    case 'replug':
      await emulator.replug();
      console.log('plugged in');
      return true;
    case 'wait':
      await new Promise((r) => setTimeout(r, Number(args[0] ?? 100)));
      return true;
    case 'quit':
    case 'exit':
      return false;
    default:
      console.error(`unknown step "${verb}" (see --help)`);
      return true;
  }
}

function need(value: string | undefined, usage: string): string {
  if (value === undefined) throw new Error(`usage: ${usage}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9310' },
      host: { type: 'string', default: '127.0.0.1' },
      vid: { type: 'string' },
      pid: { type: 'string' },
      'report-id': { type: 'string' },
      script: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const emulator = new KeypadEmulator({
    vendorId: usbId(values.vid, 0x1189),
    productId: usbId(values.pid, 0x8890),
    reportId: values['report-id'] === undefined ? null : Number(values['report-id']),
  });
  const port = await emulator.listen(Number(values.port), values.host);
  const { vendorId, productId } = emulator.info;
  console.log(
    `keypad ${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')} ` +
      `serving HID reports on tcp://${values.host}:${port}`,
  );
  const step = async (line: string) => {
    try {
      return await run(emulator, line);
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
      return true;
    }
  };
  if (values.script !== undefined) {
    for (const line of values.script.split(';')) if (!(await step(line))) break;
    await emulator.close();
    return;
  }
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) if (!(await step(line))) break;
  rl.close();
  await emulator.close();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
