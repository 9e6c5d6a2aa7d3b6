import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createPtyPair, openSerialPort, type PtyPair, type SerialPort } from '@novbe/serial';
import iconv from 'iconv-lite';
import type { CommandSet } from '../command-set';
import { FONT_A, PAPER, type PaperWidth } from '../paper';
import { EscPosParser } from './escpos-parser';
import type { OpAlign, ParsedItem, PrintOp, RealtimeCommand, StreamParser } from './ops';
import { blockHeight, ReceivedTicket, type PrintedBlock, type TextRun } from './received-ticket';
import { codeTableEncoding } from './code-tables';
import { StarLineParser } from './star-parser';
import { dleEotByte, gsrPaperByte, starAsb, type EmulatedCondition } from './status-bytes';

export type EmulatorPaper = 'ok' | 'near-end' | 'out';

export interface PrinterEmulatorOptions {
  readonly commandSet?: CommandSet;
  readonly paperWidth?: PaperWidth;
  /** Write `ticket-0001.png` and `.txt` here as tickets arrive. */
  readonly outputDir?: string;
  /** Paper left on the roll, in dots (8 per mm); omitted = a roll that never ends. */
  readonly paperRemainingDots?: number;
  /** The near-end sensor trips with this much paper left. */
  readonly nearEndDots?: number;
}

export interface EmulatorStats {
  bytesReceived: number;
  garbageBytes: number;
  realtimeQueries: number;
  ticketsDiscarded: number;
}

export interface EmulatorEvents {
  ticket: [ReceivedTicket];
  garbage: [{ readonly bytes: number; readonly reason: string }];
  condition: [EmulatedCondition];
  /** Something went wrong inside the emulator (a bad pty, a file it could not write); it keeps running. */
  warning: [Error];
  /** Bytes arrived (`at`: performance.now()), so a benchmark can time "first byte at the printer". */
  bytes: [{ readonly at: number; readonly length: number }];
}

/** A connection the emulator talks on: a TCP client or a pty. */
interface Channel {
  readonly parser: StreamParser;
  write(bytes: Uint8Array): void;
}

interface Style {
  bold: boolean;
  underline: boolean;
  invert: boolean;
  width: number;
  height: number;
  align: OpAlign;
  codeTable: number;
  lineSpacing: number | undefined;
}

const DEFAULT_LINE_SPACING = 30;
const freshStyle = (): Style => ({
  bold: false,
  underline: false,
  invert: false,
  width: 1,
  height: 1,
  align: 'left',
  codeTable: 0,
  lineSpacing: undefined,
});

/**
 * A receipt printer in software: it takes the same bytes as a real one on TCP (port 9100 style)
 * and on a pty, answers the status commands from its simulated sensors, stops printing when it
 * would (paper out, cover open, cutter error) while still answering real-time queries, and keeps
 * every cut ticket as text and as a PNG.
 */
export class PrinterEmulator extends EventEmitter<EmulatorEvents> {
  readonly commandSet: CommandSet;
  readonly paperWidth: PaperWidth;
  readonly stats: EmulatorStats = {
    bytesReceived: 0,
    garbageBytes: 0,
    realtimeQueries: 0,
    ticketsDiscarded: 0,
  };
  readonly #tickets: ReceivedTicket[] = [];
  readonly #outputDir: string | undefined;
  readonly #nearEndDots: number;

  #paper: EmulatorPaper = 'ok';
  #paperRemaining: number | undefined;
  #coverOpen = false;
  #cutterError = false;
  #offlineSwitch = false;
  #etbCounter = 0;
  #etbExecuted = false;

  readonly #queue: { op: PrintOp; channel: Channel }[] = [];
  #style: Style = freshStyle();
  #line: TextRun[] = [];
  #blocks: PrintedBlock[] = [];
  #interrupted = false;
  #qr = { cell: 3, ecc: 'M' as 'L' | 'M' | 'Q' | 'H', data: undefined as string | undefined };

  readonly #servers: Server[] = [];
  readonly #sockets = new Set<Socket>();
  readonly #ports: SerialPort[] = [];
  readonly #ptys: PtyPair[] = [];
  #closed = false;

  constructor(options: PrinterEmulatorOptions = {}) {
    super();
    this.commandSet = options.commandSet ?? 'epson';
    this.paperWidth = options.paperWidth ?? 80;
    this.#outputDir = options.outputDir;
    this.#paperRemaining = options.paperRemainingDots;
    this.#nearEndDots = options.nearEndDots ?? 2400;
    if (this.#paperRemaining !== undefined) this.#updatePaperFromRoll();
  }

  /** Tickets printed and cut, oldest first. */
  get tickets(): readonly ReceivedTicket[] {
    return this.#tickets;
  }

  get condition(): EmulatedCondition {
    return {
      paper: this.#paper,
      coverOpen: this.#coverOpen,
      cutterError: this.#cutterError,
      offline: !this.#canPrint(),
      etbCounter: this.#etbCounter,
    };
  }

  /** Listens for raw print jobs on TCP, like a LAN printer's port 9100; port 0 picks a free one. */
  async listenTcp(port = 0, host = '127.0.0.1'): Promise<{ host: string; port: number }> {
    const server = createServer((socket) => {
      this.#sockets.add(socket);
      socket.setNoDelay(true);
      const channel = this.#channel((b) => {
        if (!socket.destroyed) socket.write(b);
      });
      socket.on('data', (chunk) => this.receive(channel, chunk));
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        this.#sockets.delete(socket);
        this.#handleItems(channel, channel.parser.end());
      });
    });
    this.#servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('TCP server has no address');
    return { host, port: address.port };
  }

  /**
   * Creates a pty pair with socat, listens on one end and returns the other end's path for the
   * driver (as it would open a USB-serial adapter or a printer's device file).
   */
  async attachPty(): Promise<string> {
    const pair = await createPtyPair();
    this.#ptys.push(pair);
    await this.attachSerial(pair.devicePath);
    return pair.driverPath;
  }

  /**
   * Listens on a serial port: the device end of a pty pair made elsewhere (`createPtyPair` from
   * `@novbe/serial`), or a real adapter cabled to the kiosk.
   */
  async attachSerial(path: string, baudRate = 115200): Promise<void> {
    const port = await openSerialPort({ path, baudRate });
    this.#ports.push(port);
    const channel = this.#channel((b) => {
      if (port.isOpen) port.write(Buffer.from(b));
    });
    port.on('data', (chunk: Buffer) => this.receive(channel, chunk));
    port.on('error', (error) => this.emit('warning', error));
    // The cable went (socat gone, adapter pulled): what was half received is all there will be.
    port.on('close', () => this.#handleItems(channel, channel.parser.end()));
  }

  /** Feeds bytes as if they arrived on `channel`; public so tests can drive the parser directly. */
  receive(channel: Channel, chunk: Uint8Array): void {
    this.stats.bytesReceived += chunk.length;
    this.emit('bytes', { at: performance.now(), length: chunk.length });
    try {
      this.#handleItems(channel, channel.parser.push(chunk));
    } catch (error) {
      // A bug here must not take the demo center down; report it and drop the chunk.
      this.emit('warning', error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** A channel that is not a socket or a pty: answers go to `write`. */
  openChannel(write: (bytes: Uint8Array) => void): Channel {
    return this.#channel(write);
  }

  setPaper(paper: EmulatorPaper): void {
    this.#paper = paper;
    this.#paperRemaining = undefined;
    this.#changed();
  }

  /** A fresh roll with `dots` of paper on it (omitted: never runs out). */
  loadPaper(dots?: number): void {
    this.#paperRemaining = dots;
    this.#paper = 'ok';
    if (dots !== undefined) this.#updatePaperFromRoll();
    this.#changed();
  }

  setCoverOpen(open: boolean): void {
    this.#coverOpen = open;
    this.#changed();
  }

  setCutterError(error: boolean): void {
    this.#cutterError = error;
    this.#changed();
  }

  setOffline(offline: boolean): void {
    this.#offlineSwitch = offline;
    this.#changed();
  }

  /** Resolves when at least `count` tickets have been cut. */
  waitForTickets(count: number, timeoutMs = 5000): Promise<readonly ReceivedTicket[]> {
    if (this.#tickets.length >= count) return Promise.resolve(this.#tickets);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('ticket', onTicket);
        reject(new Error(`only ${this.#tickets.length} of ${count} tickets after ${timeoutMs} ms`));
      }, timeoutMs);
      const onTicket = () => {
        if (this.#tickets.length < count) return;
        clearTimeout(timer);
        this.off('ticket', onTicket);
        resolve(this.#tickets);
      };
      this.on('ticket', onTicket);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all(this.#servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await Promise.all(
      this.#ports.map(
        (p) => new Promise<void>((resolve) => (p.isOpen ? p.close(() => resolve()) : resolve())),
      ),
    );
    await Promise.all(this.#ptys.map((p) => p.close()));
  }

  #channel(write: (bytes: Uint8Array) => void): Channel {
    return { parser: this.commandSet === 'epson' ? new EscPosParser() : new StarLineParser(), write };
  }

  #handleItems(channel: Channel, items: ParsedItem[]): void {
    for (const item of items) {
      if (item.kind === 'garbage') {
        this.stats.garbageBytes += item.bytes;
        this.emit('garbage', { bytes: item.bytes, reason: item.reason });
      } else if (item.kind === 'realtime') {
        this.#realtime(channel, item.command);
      } else {
        this.#queue.push({ op: item.op, channel });
      }
    }
    this.#drain();
  }

  /** Real-time commands bypass the queue: a stopped printer still answers them. */
  #realtime(channel: Channel, command: RealtimeCommand): void {
    this.stats.realtimeQueries++;
    switch (command.rt) {
      case 'dle-eot':
        channel.write(Uint8Array.of(dleEotByte(command.n, this.condition)));
        break;
      case 'star-asb':
        channel.write(starAsb(this.condition, this.#etbExecuted));
        this.#etbExecuted = false;
        break;
      case 'dle-enq':
        this.#cutterError = false;
        if (command.n === 2) this.#clearBuffers();
        this.#changed();
        break;
      case 'clear-buffers':
        this.#clearBuffers();
        channel.write(Uint8Array.of(0x37, 0x25, 0x00));
        break;
    }
  }

  #clearBuffers(): void {
    this.#queue.length = 0;
    if (this.#blocks.length > 0 || this.#line.length > 0) this.stats.ticketsDiscarded++;
    this.#blocks = [];
    this.#line = [];
    this.#interrupted = false;
  }

  #canPrint(): boolean {
    return !this.#coverOpen && this.#paper !== 'out' && !this.#cutterError && !this.#offlineSwitch;
  }

  #changed(): void {
    this.emit('condition', this.condition);
    this.#drain();
  }

  #updatePaperFromRoll(): void {
    if (this.#paperRemaining === undefined) return;
    if (this.#paperRemaining <= 0) this.#paper = 'out';
    else if (this.#paperRemaining <= this.#nearEndDots) this.#paper = 'near-end';
  }

  /** Runs queued commands in order until the queue is empty or the printer has to stop. */
  #drain(): void {
    while (this.#queue.length > 0 && this.#canPrint()) {
      const { op, channel } = this.#queue[0]!;
      const needs = this.#paperNeeded(op);
      if (this.#paperRemaining !== undefined && needs > 0) {
        if (this.#paperRemaining < needs) {
          // The roll ends inside this ticket: printing stops here; the rest waits for a new roll.
          this.#paperRemaining = 0;
          this.#paper = 'out';
          this.#interrupted = this.#blocks.length > 0 || this.#line.length > 0;
          this.emit('condition', this.condition);
          return;
        }
        this.#paperRemaining -= needs;
      }
      this.#queue.shift();
      this.#execute(op, channel);
      if (this.#paperRemaining !== undefined) {
        const before = this.#paper;
        this.#updatePaperFromRoll();
        if (before !== this.#paper) this.emit('condition', this.condition);
      }
    }
  }

  #lineFeedDots(): number {
    const tallest = Math.max(1, ...this.#line.map((r) => r.height));
    return Math.max(this.#style.lineSpacing ?? DEFAULT_LINE_SPACING, tallest * FONT_A.height);
  }

  #paperNeeded(op: PrintOp): number {
    switch (op.op) {
      case 'newline':
        return this.#lineFeedDots();
      case 'feed':
        return op.dots;
      case 'feed-lines':
        return op.lines * (this.#style.lineSpacing ?? DEFAULT_LINE_SPACING);
      case 'raster':
        return op.raster.height;
      case 'qr-print':
        return this.#qr.data ? blockHeight(this.#qrBlock(this.#qr.data)) : 0;
      default:
        return 0;
    }
  }

  #qrBlock(data: string): Extract<PrintedBlock, { kind: 'qr' }> {
    return { kind: 'qr', data, cell: this.#qr.cell, ecc: this.#qr.ecc, align: this.#style.align };
  }

  #flushLine(feedDots?: number): void {
    if (this.#line.length === 0) return;
    this.#blocks.push({
      kind: 'text',
      runs: this.#line,
      align: this.#style.align,
      feedDots: feedDots ?? this.#lineFeedDots(),
    });
    this.#line = [];
  }

  #execute(op: PrintOp, channel: Channel): void {
    const s = this.#style;
    switch (op.op) {
      case 'text':
        this.#addText(op.bytes);
        break;
      case 'newline':
        if (this.#line.length === 0) this.#blocks.push({ kind: 'feed', dots: this.#lineFeedDots() });
        else this.#flushLine();
        break;
      case 'init':
        this.#style = freshStyle();
        break;
      case 'align':
        s.align = op.align;
        break;
      case 'bold':
        s.bold = op.on;
        break;
      case 'underline':
        s.underline = op.on;
        break;
      case 'invert':
        s.invert = op.on;
        break;
      case 'size':
        s.width = Math.min(8, Math.max(1, op.width));
        s.height = Math.min(8, Math.max(1, op.height));
        break;
      case 'print-mode':
        s.bold = op.bold;
        s.width = op.width;
        s.height = op.height;
        s.underline = op.underline;
        break;
      case 'code-page':
        s.codeTable = op.table;
        if (!codeTableEncoding(this.commandSet, op.table)) {
          this.emit('garbage', { bytes: 0, reason: `no code table ${op.table}; printing as table 0` });
        }
        break;
      case 'line-spacing':
        s.lineSpacing = op.dots;
        break;
      case 'feed':
        if (this.#line.length > 0) this.#flushLine(Math.max(op.dots, this.#lineFeedDots()));
        else this.#blocks.push({ kind: 'feed', dots: op.dots });
        break;
      case 'feed-lines': {
        const spacing = s.lineSpacing ?? DEFAULT_LINE_SPACING;
        this.#flushLine();
        if (op.lines > 0) this.#blocks.push({ kind: 'feed', dots: op.lines * spacing });
        break;
      }
      case 'raster':
        this.#flushLine();
        this.#blocks.push({ kind: 'raster', raster: op.raster, align: s.align });
        break;
      case 'qr-setting':
        if (op.key === 'cell') this.#qr.cell = Math.min(16, Math.max(1, op.value));
        if (op.key === 'ecc') this.#qr.ecc = (['L', 'M', 'Q', 'H'] as const)[op.value] ?? 'M';
        break;
      case 'qr-store':
        this.#qr.data = Buffer.from(op.data).toString('latin1');
        break;
      case 'qr-print':
        this.#flushLine();
        if (this.#qr.data) this.#blocks.push(this.#qrBlock(this.#qr.data));
        break;
      case 'cut':
        this.#flushLine();
        this.#cut(op.partial);
        break;
      case 'transmit-status':
        if (op.n === 1 || op.n === 49) channel.write(Uint8Array.of(gsrPaperByte(this.condition)));
        else if (op.n === 2 || op.n === 50) channel.write(Uint8Array.of(0x00));
        break;
      case 'etb':
        this.#etbCounter = (this.#etbCounter + 1) & 0x1f;
        this.#etbExecuted = true;
        break;
      case 'ignored':
        break;
    }
  }

  #addText(bytes: Uint8Array): void {
    const s = this.#style;
    const encoding = codeTableEncoding(this.commandSet, s.codeTable) ?? 'cp437';
    const columns = Math.floor(PAPER[this.paperWidth].dots / FONT_A.width);
    let text = iconv.decode(Buffer.from(bytes), encoding);
    while (text.length > 0) {
      const used = this.#line.reduce((n, r) => n + [...r.text].length * r.width, 0);
      const room = Math.floor((columns - used) / s.width);
      if (room <= 0) {
        // The line buffer is full: the printer prints it and carries on (ESC/POS "line full").
        this.#flushLine();
        continue;
      }
      const chars = [...text];
      const part = chars.slice(0, room).join('');
      text = chars.slice(room).join('');
      const last = this.#line.at(-1);
      if (
        last &&
        last.bold === s.bold &&
        last.underline === s.underline &&
        last.invert === s.invert &&
        last.width === s.width &&
        last.height === s.height
      ) {
        this.#line[this.#line.length - 1] = { ...last, text: last.text + part };
      } else {
        this.#line.push({
          text: part,
          bold: s.bold,
          underline: s.underline,
          invert: s.invert,
          width: s.width,
          height: s.height,
        });
      }
    }
  }

  #cut(partial: boolean): void {
    if (this.#blocks.length === 0) return;
    const ticket = new ReceivedTicket(
      this.#tickets.length + 1,
      this.commandSet,
      this.paperWidth,
      PAPER[this.paperWidth].dots,
      this.#blocks,
      partial,
      this.#interrupted,
    );
    this.#blocks = [];
    this.#interrupted = false;
    this.#tickets.push(ticket);
    this.emit('ticket', ticket);
    if (this.#outputDir) void this.#save(ticket, this.#outputDir);
  }

  async #save(ticket: ReceivedTicket, dir: string): Promise<void> {
    try {
      await mkdir(dir, { recursive: true });
      const base = join(dir, `ticket-${String(ticket.index).padStart(4, '0')}`);
      await writeFile(`${base}.txt`, `${ticket.text}\n`);
      await writeFile(`${base}.png`, ticket.renderPng());
    } catch (error) {
      this.emit('warning', error instanceof Error ? error : new Error(String(error)));
    }
  }
}
