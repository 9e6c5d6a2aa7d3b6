import { once } from 'node:events';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { measureKeypadLatency } from '@novbe/buttons';
import { percentiles } from '@novbe/core';
import {
  CardReaderEmulator,
  encodeSerialRead,
  generateTestCard,
  readCardFromBytes,
  SerialCardReader,
  type CardTransaction,
} from '@novbe/card-reader';
import { createPtyPair as createLedPtyPair, LedBoardBus, LedBoardEmulator } from '@novbe/led-board';
import {
  buildTicketBytes,
  openTicketPrinter,
  PrinterEmulator,
  SAMPLE_TICKETS,
  timeTicketBytes,
  type CommandSet,
  type PaperWidth,
} from '@novbe/printer';

/** The hardware issue's targets, judged on p95. */
const TARGETS = { ticketBytesMs: 50, cardParseMs: 5, keypadMs: 10 };

const LANGUAGES = ['az', 'ru', 'en'] as const;
const PAPERS: readonly PaperWidth[] = [80, 58];
const COMMAND_SETS: readonly CommandSet[] = ['epson', 'star'];
/** az on 80 mm: every line with ə is a raster, the most bytes to draw; the figure of record. */
const WORST = { language: 'az', paperWidth: 80, commandSet: 'epson' } as const;

/** Iterations sized so the whole run stays under a minute on 2 cores; warm-ups are not counted. */
const RUNS = {
  ticketWorst: { warmup: 50, iterations: 2000 },
  ticketOther: { warmup: 20, iterations: 300 },
  ticketTightLoop: 50,
  cardParse: { warmup: 1000, iterations: 20_000 },
  keypad: { warmup: 1000, iterations: 20_000 },
  printTcp: { warmup: 10, iterations: 300 },
  cardPty: { warmup: 20, iterations: 500 },
  ledShow: { warmup: 50, iterations: 1000 },
};

interface Stats {
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The three slowest samples, largest first: one outlier or a tail? */
  readonly top: readonly number[];
  /** When the measurement ran (performance.now()), to find the GC pauses inside it. */
  readonly window: readonly [number, number];
}

/** Garbage-collection pauses of this process, to put the slowest samples beside them. */
const gcPauses: { start: number; end: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, end: e.startTime + e.duration });
});

/** The longest GC pause that overlapped a measurement, in ms (0 if none). */
function longestGcPause(s: Stats): number {
  const [from, to] = s.window;
  return Math.max(0, ...gcPauses.filter((g) => g.end > from && g.start < to).map((g) => g.end - g.start));
}

/** Nearest-rank percentiles of the samples, with the three slowest beside them. */
function stats(samples: readonly number[], window: readonly [number, number]): Stats {
  const p = percentiles(samples);
  return {
    samples: p.n,
    medianMs: p.p50,
    p95Ms: p.p95,
    p99Ms: p.p99,
    maxMs: p.max,
    top: [...samples].sort((a, b) => b - a).slice(0, 3),
    window,
  };
}

/** One turn of the event loop, as a kiosk has between two tickets or two cards. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `fn` warmup + iterations times, one at a time with an event-loop turn before each, and
 * returns the counted samples. `fn` returns its own sample, or undefined to be timed whole.
 * The turn matters for tickets: a canvas's native memory (@napi-rs/canvas) is only freed when
 * Node runs its finalizers on a turn of the event loop, so calls in a tight synchronous loop
 * pile up ~3.7 MB each and get ~4× slower (see docs/benchmarks.md).
 */
async function timeEach(
  run: { readonly warmup: number; readonly iterations: number },
  fn: (i: number) => unknown,
): Promise<Stats> {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < run.warmup + run.iterations; i++) {
    await nextTurn();
    const t0 = performance.now();
    const own = await fn(i);
    const ms = typeof own === 'number' ? own : performance.now() - t0;
    if (i >= run.warmup) samples.push(ms);
  }
  return stats(samples, [start, performance.now()]);
}

/** Emulators, ports and socat processes still open; closed in reverse order on exit or signal. */
const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp(): Promise<void> {
  for (const close of cleanups.splice(0).reverse()) await close().catch(() => undefined);
}
/** Registers `close` and returns `resource`, so it is closed however the run ends. */
function owned<T>(resource: T, close: (r: T) => Promise<unknown>): T {
  cleanups.push(() => close(resource));
  return resource;
}

/**
 * buildTicketBytes as print() calls it: layout, fonts, raster text, QR command; no I/O. Each call
 * varies peopleAhead (as timeTicketBytes does) so nothing can be cached between calls.
 */
async function benchTicketBytes() {
  const rows: {
    language: (typeof LANGUAGES)[number];
    paperWidth: PaperWidth;
    commandSet: CommandSet;
    bytes: number;
    stats: Stats;
  }[] = [];
  for (const language of LANGUAGES)
    for (const paperWidth of PAPERS)
      for (const commandSet of COMMAND_SETS) {
        const worst =
          language === WORST.language && paperWidth === WORST.paperWidth && commandSet === WORST.commandSet;
        const ticket = SAMPLE_TICKETS[language];
        const options = { commandSet, paperWidth };
        const bytes = buildTicketBytes(ticket, options).bytes.length;
        const s = await timeEach(worst ? RUNS.ticketWorst : RUNS.ticketOther, (i) =>
          buildTicketBytes({ ...ticket, peopleAhead: i % 40 }, options),
        );
        rows.push({ language, paperWidth, commandSet, bytes, stats: s });
      }
  return rows;
}

/**
 * The printer package's own timer, for comparison. Its calls run back to back with no turn of
 * the event loop, so canvas memory piles up; it runs last so that cannot disturb the others.
 */
function benchTicketBytesTightLoop(): Stats {
  const start = performance.now();
  const t = timeTicketBytes({ ...WORST, iterations: RUNS.ticketTightLoop });
  return stats(t.timesMs, [start, performance.now()]);
}

/** readCardFromBytes: framer → assembler → parser, timed from the byte that completes the read. */
async function benchCardParse(): Promise<Stats> {
  const card = generateTestCard();
  const bytes = encodeSerialRead(card.lines);
  return timeEach(RUNS.cardParse, async () => {
    const { result, parseMs } = await readCardFromBytes(bytes);
    if (!result.ok) throw new Error(`the test card was rejected: ${result.error.reason}`);
    return parseMs;
  });
}

/**
 * A card over a real tty: CardReaderEmulator (socat pty) → SerialCardReader (serialport). The
 * read goes out up to its last MRZ character untimed; the clock runs from writing the line end
 * that completes it to the reader's `card` event.
 */
async function benchCardPty(): Promise<Stats> {
  const emulator = owned(await CardReaderEmulator.start(), (e) => e.stop());
  const reader = owned(new SerialCardReader({ path: emulator.path }), (r) => r.close());
  await reader.open();
  const bytes = encodeSerialRead(generateTestCard().lines, { framing: 'crlf' });
  const head = bytes.subarray(0, bytes.length - 2);
  const tail = bytes.subarray(bytes.length - 2);
  const s = await timeEach(RUNS.cardPty, async () => {
    await emulator.send(head);
    // Let the reader take the first 90 characters before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const card = once(reader, 'card', { signal: AbortSignal.timeout(2000) });
    const t0 = performance.now();
    await emulator.send(tail);
    const [transaction] = (await card) as [CardTransaction];
    const ms = performance.now() - t0;
    transaction.drop();
    return ms;
  });
  if (emulator.droppedBytes > 0)
    throw new Error(`the emulated reader dropped ${emulator.droppedBytes} bytes`);
  return s;
}

/** A whole az ticket printed over TCP to the emulator: build, status, send, confirmation. */
async function benchPrintTcp(): Promise<{ stats: Stats; tickets: number }> {
  const emulator = owned(
    new PrinterEmulator({ commandSet: WORST.commandSet, paperWidth: WORST.paperWidth }),
    (e) => e.close(),
  );
  const { host, port } = await emulator.listenTcp(0);
  const printer = owned(
    openTicketPrinter({
      connection: { type: 'tcp', host, port },
      commandSet: WORST.commandSet,
      paperWidth: WORST.paperWidth,
      pollIntervalMs: 0,
    }),
    (p) => p.close(),
  );
  const s = await timeEach(RUNS.printTcp, (i) =>
    printer.print({ ...SAMPLE_TICKETS[WORST.language], peopleAhead: i % 40 }),
  );
  if (emulator.stats.garbageBytes > 0)
    throw new Error(`the emulator saw ${emulator.stats.garbageBytes} garbage bytes`);
  return { stats: s, tickets: emulator.tickets.length };
}

/** LedBoardBus.showNumber (Modbus RTU, two writes of 16) to LedBoardEmulator over a socat pty. */
async function benchLedShow(): Promise<Stats> {
  const pair = owned(await createLedPtyPair(), (p) => p.close());
  const emulator = owned(await LedBoardEmulator.open(pair.devicePath, { units: [1] }), (e) => e.close());
  const bus = owned(await LedBoardBus.openModbus(pair.driverPath, { timeoutMs: 200, retries: 1 }), (b) =>
    b.close(),
  );
  const s = await timeEach(RUNS.ledShow, (i) =>
    bus.showNumber(1, `A-${String(i % 1000).padStart(3, '0')}`, { blinkSeconds: 5 }),
  );
  const last = RUNS.ledShow.warmup + RUNS.ledShow.iterations - 1;
  const shown = emulator.board(1).display;
  if (shown !== `A-${String(last % 1000).padStart(3, '0')}`) throw new Error(`the board shows "${shown}"`);
  return s;
}

const ms = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(2));
const mark = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const round = (x: number) => Number(x.toFixed(3));
const json = (s: Stats) => ({
  samples: s.samples,
  median_ms: round(s.medianMs),
  p95_ms: round(s.p95Ms),
  p99_ms: round(s.p99Ms),
  max_ms: round(s.maxMs),
  slowest_ms: s.top.map(round),
  longest_gc_pause_ms: round(longestGcPause(s)),
});

function row(name: string, s: Stats, target?: number): string {
  const verdict = target === undefined ? '' : `${mark(s.p95Ms <= target)} (p95 ≤ ${target} ms)`;
  return (
    `  ${name.padEnd(44)} ${String(s.samples).padStart(5)} ${ms(s.medianMs).padStart(8)} ${ms(s.p95Ms).padStart(8)} ` +
    `${ms(s.p99Ms).padStart(8)} ${ms(s.maxMs).padStart(8)} ${ms(longestGcPause(s)).padStart(8)}  ${verdict}`
  ).trimEnd();
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });

  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  gcObserver.observe({ entryTypes: ['gc'] });
  try {
    console.log(`Növbə hardware benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
    console.log(
      'Times in ms; each figure is one call timed alone, after warm-up calls that are not counted.',
    );
    console.log(
      'GC max: the longest garbage-collection pause of this process while that figure was measured.',
    );
    console.log('');

    const tickets = await benchTicketBytes();
    const worst = tickets.find(
      (t) =>
        t.language === WORST.language &&
        t.paperWidth === WORST.paperWidth &&
        t.commandSet === WORST.commandSet,
    )!;
    const cardParse = await benchCardParse();
    const keypadStart = performance.now();
    const keypad = stats(
      await measureKeypadLatency({ presses: RUNS.keypad.iterations, warmup: RUNS.keypad.warmup }),
      [keypadStart, performance.now()],
    );
    const print = await benchPrintTcp();
    const cardPty = await benchCardPty();
    const led = await benchLedShow();
    await cleanUp();
    const tightLoop = benchTicketBytesTightLoop();
    // GC entries reach the observer a turn later.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const header = `  ${'figure'.padEnd(44)} ${'n'.padStart(5)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'GC max'.padStart(8)}`;
    console.log('Targets (judged on p95)');
    console.log(header);
    console.log(row(`ticket bytes, az 80 mm epson`, worst.stats, TARGETS.ticketBytesMs));
    console.log(row('card parse after last byte', cardParse, TARGETS.cardParseMs));
    console.log(row('keypad report → command', keypad, TARGETS.keypadMs));
    console.log('');
    console.log('Ticket bytes (buildTicketBytes), every language × paper × command set');
    console.log(header.replace('figure'.padEnd(44), 'ticket (bytes)'.padEnd(44)));
    for (const t of tickets)
      console.log(
        row(`${t.language} ${t.paperWidth} mm ${t.commandSet} (${t.bytes.toLocaleString('en')} B)`, t.stats),
      );
    console.log(row('az 80 mm epson, timeTicketBytes (no turns)', tightLoop));
    console.log('');
    console.log('Through real links (not targets: they include the link and the emulator)');
    console.log(header);
    console.log(row(`print() az 80 mm epson over TCP`, print.stats));
    console.log(row('card read over a socat pty', cardPty));
    console.log(row('LED showNumber over a socat pty', led));
    console.log('');
    const worstCombo = tickets.reduce((a, b) => (b.stats.p95Ms > a.stats.p95Ms ? b : a));
    console.log('Summary');
    console.log(
      `  ticket bytes p95 ${ms(worst.stats.p95Ms)} ms (max ${ms(worst.stats.maxMs)}) — ${mark(worst.stats.p95Ms <= TARGETS.ticketBytesMs)} (≤ ${TARGETS.ticketBytesMs} ms); ` +
        `highest p95 of all 12: ${worstCombo.language} ${worstCombo.paperWidth} mm ${worstCombo.commandSet} ${ms(worstCombo.stats.p95Ms)} ms`,
    );
    console.log(
      `  card parse p95 ${ms(cardParse.p95Ms)} ms (max ${ms(cardParse.maxMs)}) — ${mark(cardParse.p95Ms <= TARGETS.cardParseMs)} (≤ ${TARGETS.cardParseMs} ms)`,
    );
    console.log(
      `  keypad p95 ${ms(keypad.p95Ms)} ms (max ${ms(keypad.maxMs)}) — ${mark(keypad.p95Ms <= TARGETS.keypadMs)} (≤ ${TARGETS.keypadMs} ms)`,
    );
    // Judged on p95, but a max over the target is said out loud, with the slowest samples beside it.
    const overTarget = [
      { name: 'ticket bytes', s: worst.stats, target: TARGETS.ticketBytesMs },
      { name: 'card parse', s: cardParse, target: TARGETS.cardParseMs },
      { name: 'keypad', s: keypad, target: TARGETS.keypadMs },
    ].filter((f) => f.s.maxMs > f.target);
    for (const f of overTarget)
      console.log(
        `  ${f.name}: max ${ms(f.s.maxMs)} ms is over the ${f.target} ms target ` +
          `(slowest samples ${f.s.top.map(ms).join(', ')} ms of ${f.s.samples.toLocaleString('en')}; ` +
          `longest GC pause meanwhile ${ms(longestGcPause(f.s))} ms)`,
      );
    console.log(
      `  ${print.tickets} tickets printed by the emulator; run took ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
        `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );

    if (values.json) {
      console.log(
        JSON.stringify({
          ticket_bytes_ms: round(worst.stats.p95Ms),
          card_parse_ms: round(cardParse.p95Ms),
          keypad_ms: round(keypad.p95Ms),
          print_tcp_ms: round(print.stats.p95Ms),
          card_pty_ms: round(cardPty.p95Ms),
          led_show_number_ms: round(led.p95Ms),
          statistic: 'p95',
          targets: {
            ticket_bytes_ms: TARGETS.ticketBytesMs,
            card_parse_ms: TARGETS.cardParseMs,
            keypad_ms: TARGETS.keypadMs,
          },
          meets_targets:
            worst.stats.p95Ms <= TARGETS.ticketBytesMs &&
            cardParse.p95Ms <= TARGETS.cardParseMs &&
            keypad.p95Ms <= TARGETS.keypadMs,
          details: {
            ticket_bytes: { ...WORST, bytes: worst.bytes, ...json(worst.stats) },
            ticket_bytes_tight_loop: json(tightLoop),
            card_parse: json(cardParse),
            keypad: json(keypad),
            print_tcp: { ...WORST, ...json(print.stats) },
            card_pty: json(cardPty),
            led_show_number: json(led),
            ticket_bytes_by_combo: Object.fromEntries(
              tickets.map((t) => [
                `${t.language}-${t.paperWidth}-${t.commandSet}`,
                { bytes: t.bytes, ...json(t.stats) },
              ]),
            ),
          },
        }),
      );
    }
  } finally {
    gcObserver.disconnect();
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
