import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { COMMAND_SETS, type CommandSet } from './command-set';
import { PrinterEmulator } from './emulator/printer-emulator';
import { isPaperWidth } from './paper';

const HELP = `Növbə receipt printer emulator: speaks ESC/POS (epson) or Star Line Mode (star) on TCP and/or a pty.

Usage: tsx hardware/printer/src/emulator-cli.ts [options]

  --tcp <port>          listen for raw print jobs on TCP (default 9100; 0 = any free port)
  --host <address>      TCP address (default 127.0.0.1)
  --no-tcp              do not listen on TCP
  --pty                 also create a pty pair with socat and print the device path to open
  --command-set <set>   epson | star (default epson)
  --paper <mm>          80 | 58 (default 80)
  --out <dir>           save each ticket as ticket-NNNN.png and .txt in <dir>
  --roll <dots>         paper on the roll, in dots (8 per mm); default: never runs out
  -h, --help            this text

While running, type a command and Enter:
  paper ok | paper near-end | paper out | load <dots>
  cover open | cover closed | cutter error | cutter ok | offline on | offline off
  status | quit
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tcp: { type: 'string', default: '9100' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-tcp': { type: 'boolean', default: false },
      pty: { type: 'boolean', default: false },
      'command-set': { type: 'string', default: 'epson' },
      paper: { type: 'string', default: '80' },
      out: { type: 'string' },
      roll: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const commandSet = values['command-set'];
  if (!COMMAND_SETS.includes(commandSet as CommandSet))
    fail(`--command-set must be epson or star, not "${commandSet}"`);
  const paperWidth = Number(values.paper);
  if (!isPaperWidth(paperWidth)) fail(`--paper must be 80 or 58, not "${values.paper}"`);
  const port = Number(values.tcp);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--tcp must be a port number, not "${values.tcp}"`);
  const roll = values.roll === undefined ? undefined : Number(values.roll);
  if (roll !== undefined && !(roll >= 0)) fail(`--roll must be a number of dots, not "${values.roll}"`);

  const emulator = new PrinterEmulator({
    commandSet: commandSet as CommandSet,
    paperWidth,
    outputDir: values.out,
    paperRemainingDots: roll,
  });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  emulator.on('ticket', (t) => {
    const first = t.textLines.find((l) => l !== '') ?? `${t.rasters.length} raster lines`;
    say(
      `ticket ${t.index}: ${t.blocks.length} blocks, ${t.heightDots} dots, QR ${t.qrCodes.join(' ') || '-'} (${first})`,
    );
  });
  emulator.on('garbage', (g) => say(`garbage: ${g.bytes} bytes (${g.reason})`));
  emulator.on('condition', (c) => say(`condition: ${JSON.stringify(c)}`));
  emulator.on('warning', (e) => say(`warning: ${e.message}`));

  if (!values['no-tcp']) {
    const address = await emulator.listenTcp(port, values.host);
    say(`listening tcp ${address.host}:${address.port} (${commandSet}, ${paperWidth} mm)`);
  }
  if (values.pty) say(`pty ${await emulator.attachPty()}`);

  const shutdown = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const [what, arg] = line.trim().split(/\s+/);
    switch (`${what} ${arg ?? ''}`.trim()) {
      case 'paper ok':
        return emulator.setPaper('ok');
      case 'paper near-end':
        return emulator.setPaper('near-end');
      case 'paper out':
        return emulator.setPaper('out');
      case 'cover open':
        return emulator.setCoverOpen(true);
      case 'cover closed':
        return emulator.setCoverOpen(false);
      case 'cutter error':
        return emulator.setCutterError(true);
      case 'cutter ok':
        return emulator.setCutterError(false);
      case 'offline on':
        return emulator.setOffline(true);
      case 'offline off':
        return emulator.setOffline(false);
      case 'status':
        return say(
          `status: ${JSON.stringify(emulator.condition)}; ${emulator.tickets.length} tickets; ${JSON.stringify(emulator.stats)}`,
        );
      case 'quit':
        return void shutdown();
      default:
        if (what === 'load') return emulator.loadPaper(arg === undefined ? undefined : Number(arg));
        if (what) say(`unknown command "${line.trim()}" (try: paper out, cover open, status, quit)`);
    }
  });
  // Without a terminal (started by a script), stdin closing must not stop the emulator.
  rl.on('close', () => undefined);
}

main().catch((error: unknown) => {
  process.stderr.write(`printer emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
