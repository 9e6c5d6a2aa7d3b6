/**
 * A display PC on a test bench: a real center server (startTestServer) behind a "LAN" that can
 * refuse or swallow connections (the kiosk's `LanForwarder`), an LED board emulator for units 1
 * and 2 on a socat pty pair, keypad emulators served over TCP (one per counter), staff at
 * counters 1 and 2, a kiosk issuing tickets, and the display agent in process, paired through
 * one-time codes. Shared by the display agent's cross-process tests.
 */
import { DEFAULT_KEYMAP_CONFIG, KeypadEmulator } from '@novbe/buttons';
import {
  startDisplayAgent,
  type DisplayAgent,
  type DisplayAgentConfigInput,
  type KeypadPress,
} from '@novbe/display/agent';
import { createPtyPair, LedBoardEmulator, type BoardSnapshot, type PtyPair } from '@novbe/led-board';
import type { CenterClient, DisplayAgentStatus } from '@novbe/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { loginStaff, pairDevice, startTestServer, type TestServer } from '../apps/server/src/testing';
import { LanForwarder, MONDAY_10_00 } from './kiosk-rig';

/** Board unit → counter. */
export const UNITS = { 1: 'counter-1', 2: 'counter-2' } as const;
export type Unit = keyof typeof UNITS;

/** The default keymap's keys (F13–F19) by command. */
export const KEY = {
  next: 'F13',
  recall: 'F14',
  noShow: 'F15',
  start: 'F16',
  done: 'F17',
  transfer: 'F18',
  pause: 'F19',
} as const;

export interface DisplayRig {
  server: TestServer;
  readonly lan: LanForwarder;
  readonly boards: LedBoardEmulator;
  /** Every change each board went through, as a person would see it. */
  readonly shown: Record<Unit, BoardSnapshot[]>;
  /** One keypad per counter: `keypads[1]` is bound to counter-1. */
  readonly keypads: Record<Unit, KeypadEmulator>;
  agent: DisplayAgent;
  readonly dataDir: string;
  readonly clock: () => number;
  /** Staff at counter 1 (Aysel) and counter 2 (Rauf), logged in, their counters open. */
  staff: Record<Unit, CenterClient>;
  kiosk: CenterClient;
  /** Issues `n` ID-card tickets at the kiosk (counters 1 and 2 both serve them). */
  issue(n: number): Promise<string[]>;
  /** Presses a key and resolves with how the agent ended that press. */
  press(unit: Unit, key: string): Promise<KeypadPress>;
  /** Polls until `check` holds (5 s at most), naming `what` when it never does. */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  waitForStatus(test: (s: DisplayAgentStatus) => boolean, what: string): Promise<void>;
  /** Stops the server (its data stays); the LAN then refuses connections. */
  stopServer(): Promise<void>;
  /** Starts the server again on its data, behind the same LAN address. */
  restartServer(): Promise<void>;
  /** Closes the agent and starts a new one on the same data directory and devices. */
  restartAgent(): Promise<void>;
  close(): Promise<void>;
}

export interface DisplayRigOptions {
  /** Counters this PC gets counter-board tokens for (default both). */
  readonly counterTokens?: readonly string[];
  readonly agent?: Partial<DisplayAgentConfigInput>;
  /** How long a call blinks (default 5 s). */
  readonly blinkSeconds?: number;
  /** How often the agent reads the boards back by itself (default: only when a test asks). */
  readonly checkIntervalMs?: number;
}

/** Starts the bench, pairs the display and its counter boards, opens counters 1 and 2. */
export async function startDisplayRig(options: DisplayRigOptions = {}): Promise<DisplayRig> {
  const t0 = Date.now();
  const clock = () => MONDAY_10_00 + (Date.now() - t0);
  const dataDir = mkdtempSync(join(tmpdir(), 'novbe-display-rig-'));
  const serverDir = join(dataDir, 'server');
  let server = await startTestServer({ clock, dataDir: serverDir });
  let serverUp = true;
  const lan = await LanForwarder.start();
  lan.target(Number(new URL(server.url).port));

  const pty: PtyPair = await createPtyPair();
  const boards = await LedBoardEmulator.open(pty.devicePath, { units: [1, 2] });
  const shown: Record<Unit, BoardSnapshot[]> = { 1: [], 2: [] };
  boards.on('change', (b) => {
    const list = shown[b.unitId as Unit];
    const last = list.at(-1);
    // A number is written in two requests (text, then number and blink): keep what a person sees.
    if (last && last.display === b.display && last.blinking === b.blinking) return;
    list.push(b);
  });

  const keypads: Record<Unit, KeypadEmulator> = {
    1: new KeypadEmulator({ path: 'emulator://keypad/1' }),
    2: new KeypadEmulator({ path: 'emulator://keypad/2' }),
  };
  const ports = { 1: await keypads[1].listen(0), 2: await keypads[2].listen(0) };

  const config: DisplayAgentConfigInput = {
    serverUrl: lan.url,
    dataDir: join(dataDir, 'display'),
    name: 'Zal 1 ekranı',
    logLevel: 'silent',
    boards: {
      path: pty.driverPath,
      timeoutMs: 100,
      retries: 1,
      checkIntervalMs: options.checkIntervalMs ?? 60_000,
      blinkSeconds: options.blinkSeconds ?? 5,
      units: Object.entries(UNITS).map(([unit, counterId]) => ({ unit: Number(unit), counterId })),
    },
    keypads: {
      // The tests press faster than any hand: no debounce (hardware/buttons tests it).
      keymap: { ...DEFAULT_KEYMAP_CONFIG, debounceMs: 0 },
      hid: false,
      pollMs: 100,
      tcp: [
        { port: ports[1], counterId: UNITS[1] },
        { port: ports[2], counterId: UNITS[2] },
      ],
    },
    commandTimeoutMs: 1_000,
    signMs: 600,
    heartbeatIntervalMs: 60_000,
    reconnectMs: 100,
    ...options.agent,
  };
  const start = () => startDisplayAgent(config, { clock });
  const agent = await start();

  const code = async (body: Parameters<CenterClient['createPairingCode']>[0]['body']) =>
    (await server.admin.createPairingCode({ body })).code;
  await agent.pair(await code({ role: 'display', name: 'Zal 1 ekranı', hallIds: ['hall-1'] }));
  for (const counterId of options.counterTokens ?? Object.values(UNITS))
    await agent.pair(await code({ role: 'counter-board', name: `${counterId} keypad`, counterId }));

  const openCounters = async (s: TestServer) => {
    const staff = {
      1: await loginStaff(s.admin, 'staff-aysel', 'aysel'),
      2: await loginStaff(s.admin, 'staff-rauf', 'rauf'),
    };
    for (const unit of [1, 2] as const)
      await staff[unit].counterCommand({ params: { id: UNITS[unit] }, body: { action: 'open' } });
    return staff;
  };

  const rig: DisplayRig = {
    server,
    lan,
    boards,
    shown,
    keypads,
    agent,
    dataDir,
    clock,
    staff: await openCounters(server),
    kiosk: await pairDevice(server.admin, { role: 'kiosk', name: 'Giriş 1' }),
    async issue(n) {
      const numbers: string[] = [];
      for (let i = 0; i < n; i++)
        numbers.push(
          (await rig.kiosk.issueTicket({ body: { id: ulid(), serviceId: 'dim-id-card', language: 'az' } }))
            .ticket.number,
        );
      return numbers;
    },
    press(unit, key) {
      return new Promise((resolve) => {
        const off = rig.agent.onPress((p) => {
          off();
          resolve(p);
        });
        keypads[unit].press(key);
      });
    },
    async until(check, what, timeoutMs = 5_000) {
      const end = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > end) throw new Error(`never: ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    waitForStatus(test, what) {
      return rig.until(
        () => test(rig.agent.status()),
        `${what} (status ${JSON.stringify(rig.agent.status())})`,
      );
    },
    async stopServer() {
      lan.target(null);
      serverUp = false;
      await server.close({ keepData: true });
    },
    async restartServer() {
      server = await startTestServer({ clock, dataDir: serverDir });
      rig.server = server;
      serverUp = true;
      lan.target(Number(new URL(server.url).port));
    },
    async restartAgent() {
      await rig.agent.close();
      rig.agent = await start();
    },
    async close() {
      await rig.agent.close();
      for (const k of Object.values(keypads)) await k.close();
      await boards.close();
      await pty.close();
      await lan.close();
      if (serverUp) await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // A known start: the stream live, both keypads attached, both counters open with nobody
  // called and their boards blank.
  await rig.waitForStatus(
    (s) => s.link === 'live' && s.keypads.every((k) => k.attached),
    'live, keypads attached',
  );
  await rig.until(
    () => boards.boards().every((b) => b.mode === 'blank' && !b.blinking) && shown[1].length > 0,
    'both boards blank',
  );
  return rig;
}

/** The texts a board showed blinking, each time it started to blink (a new call or a recall). */
export function blinks(history: readonly BoardSnapshot[]): string[] {
  return history
    .filter((b, i) => b.blinking && !(history[i - 1]?.blinking && history[i - 1]?.display === b.display))
    .map((b) => b.display);
}
