import { once } from 'node:events';
import { performance } from 'node:perf_hooks';

import { KeypadEmulator } from './keypad-emulator';
import { KeypadWatcher } from './keypad-watcher';
import { DEFAULT_KEYMAP, KEY_PRESETS } from './keymap';

/**
 * The timed path of "a keypad press becomes a command": the emulator emits a key-down report,
 * it arrives through a transport (one event-loop hop, as from node-hid's read thread), the
 * watcher decodes and debounces it against the default keymap and emits 'command'. Each sample
 * is from the report being sent to the command event, in ms, in the order of the presses: one
 * per counted press (a lost press fails the run). In-process, for scripts/bench, which
 * summarises them.
 */
export async function measureKeypadLatency(
  options: { presses?: number; warmup?: number } = {},
): Promise<number[]> {
  const presses = options.presses ?? 1000;
  // The first presses pay for JIT compilation and first-use allocations: timed, not counted.
  const warmup = options.warmup ?? 50;
  const emulator = new KeypadEmulator();
  // Debounce runs for real, on a clock that moves 100 ms per report, so back-to-back presses of
  // the same key are not (rightly) taken for chatter; latency is timed on the real clock.
  let fakeMs = 0;
  const watcher = new KeypadWatcher({
    keymap: DEFAULT_KEYMAP,
    listDevices: emulator.listDevices,
    openDevice: emulator.openDevice,
    pollMs: 60_000,
    now: () => (fakeMs += 100),
  });
  const keys = Object.keys(KEY_PRESETS['f13-f19']);
  const samples: number[] = [];
  try {
    await watcher.start();
    for (let i = 0; i < warmup + presses; i++) {
      const key = keys[i % keys.length]!;
      // A lost press must fail the run, not hang it.
      const command = once(watcher, 'command', { signal: AbortSignal.timeout(2000) });
      const t0 = performance.now();
      emulator.hold(key);
      await command;
      if (i >= warmup) samples.push(performance.now() - t0);
      emulator.release(key);
    }
  } finally {
    await watcher.stop();
    await emulator.close();
  }
  return samples;
}
