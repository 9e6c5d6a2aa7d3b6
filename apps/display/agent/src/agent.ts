import {
  createCenterClient,
  eventStreamUrl,
  EventStream,
  PairRequest,
  ProtocolError,
  type CenterEvent,
  type DisplayAgentStatus,
  type DisplayEvent,
  type DisplayHandlers,
  type ErrorBody,
  type Paired,
  type ScreenSetup,
  type Snapshot,
  type WebSocketLike,
} from '@novbe/protocol';
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { applyEvent, counterOf, stateFromView, type CounterBoardState } from './board-rules';
import { BoardSync, type OpenBoardLine } from './board-sync';
import { parseDisplayConfig, type DisplayAgentConfig } from './config';
import { DeviceHealth } from './device-health';
import { sendHeartbeats as sendHeartbeatsOf } from './heartbeats';
import { BadDisplayRequestError, displayErrorBody, PairingError } from './errors';
import { IdentityStore, type DeviceIdentity } from './identity-store';
import type { KeypadSource } from './keypad-binding';
import { KeypadDesk, type KeypadPress } from './keypad-desk';
import { createDisplayLogger } from './logger';
import { ViewJournal } from './view-journal';

/** Reported with heartbeats. */
export { DISPLAY_AGENT_VERSION } from './heartbeats';

/** A call heard later than this after it was made (by this PC's clock) shows without blinking. */
const FRESH_CALL_MS = 5 * 60_000;
/** Heartbeats after a change (a board or keypad lost or back) wait this long for others to join them. */
const CHANGE_HEARTBEAT_MS = 1_000;

export interface DisplayAgentOptions {
  /** The time, ms since the epoch (tests share the server's; the default is the system clock). */
  readonly clock?: () => number;
  readonly logger?: Logger;
  /** Keypads besides node-hid and TCP: emulators handed to the watcher in-process. */
  readonly keypadSources?: readonly KeypadSource[];
  /** Opens the boards' serial line (default: Modbus RTU on `boards.path`). */
  readonly openBoardLine?: OpenBoardLine;
}

/** A device this PC paired (never its token). */
export interface PairedDevice {
  readonly role: 'display' | 'counter-board';
  readonly deviceId: string;
  readonly name: string;
  readonly counterId: string | null;
  readonly hallIds: readonly string[] | null;
}

/** The running display agent: its screens' handler map plus what its host needs. */
export interface DisplayAgent {
  readonly config: DisplayAgentConfig;
  readonly handlers: DisplayHandlers;
  /** Setup and status events for the screens; returns the unsubscribe function. */
  onEvent(listener: (event: DisplayEvent) => void): () => void;
  /** Every keypad press and how it ended (for hosts and tests). */
  onPress(listener: (press: KeypadPress) => void): () => void;
  status(): DisplayAgentStatus;
  /** A handler's error as the coded body a screen gets; unexpected ones are logged here. */
  errorBody(error: unknown): ErrorBody;
  /** Pairs a `display` or `counter-board` device with a one-time code and keeps its token. */
  pair(code: string): Promise<PairedDevice>;
  /** Which tokens this PC holds: the display's, and the counters it holds a counter-board token for. */
  paired(): { display: boolean; counterIds: string[] };
  /** Sends the heartbeats now (display and counter boards); resolves once they were answered or failed. */
  heartbeat(): Promise<void>;
  /** Reads every board back now, resending what differs (the periodic check, at once). */
  checkBoards(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the display agent: the counter boards on their RS-485 line, the keypads, and the live
 * event stream (with the display's token) that moves the boards, resuming after the last event
 * it saw, also across restarts. Heartbeats go every `heartbeatIntervalMs` and soon after a
 * board or keypad is lost or back.
 */
export async function startDisplayAgent(
  input: unknown,
  options: DisplayAgentOptions = {},
): Promise<DisplayAgent> {
  const config = parseDisplayConfig(input);
  const clock = options.clock ?? Date.now;
  const log = options.logger ?? createDisplayLogger(config.logLevel);
  const identities = new IdentityStore(config.dataDir, (e, keptAs) =>
    log.error({ err: e.message, keptAs }, 'identity file damaged: pair this display again'),
  );
  const journal = new ViewJournal(config.dataDir);
  const saved = journal.load((e) =>
    log.warn({ err: e.message }, 'saved board state damaged: starting from a snapshot'),
  );
  const states = new Map<string, CounterBoardState>(Object.entries(saved.counters));
  let seq = saved.seq;
  let link: DisplayAgentStatus['link'] = 'offline';
  let closed = false;
  const listeners = new Set<(event: DisplayEvent) => void>();
  const pressListeners = new Set<(press: KeypadPress) => void>();
  const health = new DeviceHealth();

  const boards = new BoardSync({
    config: config.boards,
    state: (counterId) => states.get(counterId),
    clock,
    signMs: config.signMs,
    logger: log.child({ scope: 'boards' }),
    ...(options.openBoardLine ? { openLine: options.openBoardLine } : {}),
  });
  const keypads = new KeypadDesk({
    config: config.keypads,
    serverUrl: config.serverUrl,
    tokenFor: (counterId) => identities.counter(counterId)?.token ?? null,
    timeoutMs: config.commandTimeoutMs,
    clock,
    logger: log.child({ scope: 'keypads' }),
    ...(options.keypadSources ? { extraSources: options.keypadSources } : {}),
  });

  // ── Status and heartbeats ───────────────────────────────────────────────
  const currentStatus = (): DisplayAgentStatus => ({
    link,
    boardsOffline: boards.offline,
    keypads: keypads.keypads,
  });
  let lastStatus = JSON.stringify(currentStatus());
  const publish = (event: DisplayEvent) => {
    for (const l of listeners) l(event);
  };
  const statusChanged = () => {
    const s = currentStatus();
    const text = JSON.stringify(s);
    if (text === lastStatus) return;
    lastStatus = text;
    log.info({ status: s }, 'display status');
    publish({ type: 'status', status: s });
  };

  let changeTimer: NodeJS.Timeout | undefined;
  let beating: Promise<void> | null = null;
  const countersWithoutToken = () =>
    [...new Set(keypads.keypads.map((k) => k.counterId))].filter((c) => !identities.counter(c));

  const sendHeartbeats = () =>
    sendHeartbeatsOf({
      serverUrl: config.serverUrl,
      identities,
      health,
      log,
      snapshot: {
        link,
        units: boards.units,
        boardsOffline: boards.offline,
        keypads: keypads.keypads,
        countersWithoutToken: countersWithoutToken(),
      },
    });

  /** Sends a heartbeat after the one in flight, if any: its report may be older than the caller's news. */
  function heartbeat(): Promise<void> {
    const run: Promise<void> = (beating ?? Promise.resolve()).then(sendHeartbeats).finally(() => {
      if (beating === run) beating = null;
    });
    beating = run;
    return run;
  }

  /** A board or keypad changed: tell the screens now and the server shortly. */
  const deviceChanged = () => {
    statusChanged();
    if (closed || changeTimer) return;
    changeTimer = setTimeout(() => {
      changeTimer = undefined;
      void heartbeat();
    }, CHANGE_HEARTBEAT_MS);
    changeTimer.unref();
  };

  boards.on('offline', (unit) => {
    health.boardOffline(unit);
    deviceChanged();
  });
  boards.on('online', (unit) => {
    health.boardOnline(unit, boards.units.get(unit));
    deviceChanged();
  });
  keypads.on('detached', (device) => {
    health.keypadDetached(device.path);
    deviceChanged();
  });
  keypads.on('attached', (device, counterId) => {
    health.keypadAttached(device.path, counterId);
    deviceChanged();
  });
  keypads.on('press', (press) => {
    if (press.sign) boards.sign(press.counterId, press.sign);
    for (const l of pressListeners) l(press);
  });

  // ── The event stream ────────────────────────────────────────────────────
  const dirty = new Set<string>();
  let flushQueued = false;
  /** After a batch of events: save, then write the boards whose counter changed. */
  const flush = () => {
    flushQueued = false;
    try {
      journal.save(seq, states);
    } catch (e) {
      log.error({ err: (e as Error).message }, 'cannot save the board state');
    }
    for (const counterId of dirty) boards.refresh(counterId);
    dirty.clear();
  };
  const queueFlush = () => {
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(flush);
  };

  const onEvent = (event: CenterEvent) => {
    seq = event.seq;
    const counterId = counterOf(event);
    if (counterId) {
      const before = states.get(counterId);
      const after = applyEvent(before, event, {
        now: clock(),
        blinkMs: config.boards.blinkSeconds * 1000,
        freshMs: FRESH_CALL_MS,
      });
      if (after && after !== before) {
        states.set(counterId, after);
        dirty.add(counterId);
      }
    }
    queueFlush();
  };

  const warnedMissing = new Set<string>();
  const onSnapshot = (snapshot: Snapshot) => {
    seq = snapshot.seq;
    states.clear();
    for (const c of snapshot.counters) states.set(c.id, stateFromView(c));
    for (const counterId of new Set(boards.units.values())) {
      dirty.add(counterId);
      if (!states.has(counterId) && !warnedMissing.has(counterId)) {
        warnedMissing.add(counterId);
        log.warn({ counterId }, "a board's counter is not in this display's halls: it gets no events");
      }
    }
    queueFlush();
  };

  let stream: EventStream | null = null;
  let lastRefusal: string | undefined;
  const startStream = () => {
    stream?.close();
    stream = null;
    const display = identities.display;
    if (!display || closed) return;
    stream = new EventStream({
      url: eventStreamUrl(config.serverUrl),
      token: display.token,
      since: seq,
      connect: (url) => new WebSocket(url) as unknown as WebSocketLike,
      onEvent,
      onSnapshot,
      onStatus: (state, detail) => {
        // A refused token is refused again at every reconnect: say it once until it changes.
        if (detail && detail !== lastRefusal) log.warn({ detail }, 'the event stream was refused');
        else if (!detail) log.info({ link: state }, 'event stream');
        if (detail || state === 'live') lastRefusal = detail;
        link = state;
        statusChanged();
      },
      reconnectMs: config.reconnectMs,
    });
    stream.start();
  };

  // ── Start ───────────────────────────────────────────────────────────────
  // What the boards showed when the agent stopped, at once (a blink goes on for what is left).
  // Each board is read back first and sent its saved state where it shows something else.
  boards.start();
  await keypads.start();
  startStream();
  const heartbeatTimer = setInterval(() => void heartbeat(), config.heartbeatIntervalMs);
  heartbeatTimer.unref();
  void heartbeat();
  statusChanged();

  const setup = (): ScreenSetup => ({
    serverUrl: config.serverUrl,
    token: identities.display?.token ?? null,
  });

  async function pair(code: string): Promise<PairedDevice> {
    const request = PairRequest.safeParse({ code });
    if (!request.success) throw new PairingError('a pairing code is 8 digits, as the admin gave it');
    let paired: Paired;
    try {
      paired = await createCenterClient({ baseUrl: config.serverUrl, timeoutMs: 10_000 }).pair({
        body: request.data,
      });
    } catch (error) {
      if (error instanceof ProtocolError && error.status !== undefined && error.status < 500)
        throw new PairingError(`pairing refused: ${error.message}`, error.code);
      throw error;
    }
    const identity: DeviceIdentity = {
      deviceId: paired.deviceId,
      name: paired.name,
      token: paired.token,
      serverUrl: config.serverUrl,
      pairedAt: clock(),
    };
    const hallIds = paired.hallIds ?? null;
    if (paired.role === 'display') {
      identities.saveDisplay({ ...identity, hallIds });
      log.info({ deviceId: paired.deviceId, name: paired.name, hallIds }, 'paired as the display');
      startStream();
      publish({ type: 'setup', setup: setup() });
    } else if (paired.role === 'counter-board' && paired.counterId) {
      identities.saveCounter(paired.counterId, identity);
      const used = [...boards.units.values(), ...keypads.keypads.map((k) => k.counterId)].includes(
        paired.counterId,
      );
      log.info({ deviceId: paired.deviceId, counterId: paired.counterId }, 'paired a counter board');
      if (!used)
        log.warn({ counterId: paired.counterId }, 'no board or keypad of this PC is for that counter');
    } else {
      throw new PairingError(
        `that code paired a ${paired.role} (now listed among the devices: revoke it), not a display or a counter board: ask for a display code`,
      );
    }
    void heartbeat();
    return {
      role: paired.role,
      deviceId: paired.deviceId,
      name: paired.name,
      counterId: paired.counterId ?? null,
      hallIds,
    };
  }

  const handlers: DisplayHandlers = {
    'screen-setup': async () => setup(),
    'screen-pair': async (params) => {
      const code = (params as { code?: unknown } | undefined)?.code;
      if (typeof code !== 'string') throw new BadDisplayRequestError('screen-pair: a code is required');
      await pair(code);
      return setup();
    },
  };

  return {
    config,
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onPress(listener) {
      pressListeners.add(listener);
      return () => pressListeners.delete(listener);
    },
    status: currentStatus,
    errorBody(error) {
      const body = displayErrorBody(error);
      if (body.code === 'internal') log.error({ err: error }, 'handler failed');
      else log.info({ code: body.code, msg: body.message }, 'request refused');
      return body;
    },
    pair,
    paired: () => ({ display: identities.display !== null, counterIds: identities.counterIds }),
    heartbeat,
    checkBoards: () => boards.check(),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeatTimer);
      clearTimeout(changeTimer);
      listeners.clear();
      pressListeners.clear();
      stream?.close();
      await keypads.close();
      await beating;
      if (flushQueued) flush();
      await boards.close();
    },
  };
}
