import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appSite } from './app-protocol';
import { watchRenderer, type RecoveryPolicy } from './crash-recovery';
import { asElectron } from './testing/as-electron';
import { FakeWebContents, fake } from './testing/fake-electron';

const site = appSite('display');
const APP_INDEX_URL = `${site.indexUrl}?mode=hall&hall=h1`;

const policy: RecoveryPolicy = {
  reloadDelaysMs: [100, 400, 1600],
  maxLosses: 4,
  windowMs: 60_000,
  hangGraceMs: 3000,
};

describe('watchRenderer', () => {
  let contents: FakeWebContents;
  let relaunches: number;
  let stop: () => void;
  beforeEach(async () => {
    vi.useFakeTimers();
    fake.reset();
    contents = new FakeWebContents(fake);
    await contents.loadURL(APP_INDEX_URL);
    relaunches = 0;
    stop = watchRenderer(asElectron<WebContents>(contents), {
      site,
      url: APP_INDEX_URL,
      relaunch: () => relaunches++,
      policy,
    });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });
  const crash = (reason = 'crashed') => contents.emit('render-process-gone', {}, { reason, exitCode: 139 });

  it('reloads a crashed renderer after a short delay', () => {
    crash();
    expect(contents.reloads).toBe(0);
    vi.advanceTimersByTime(99);
    expect(contents.reloads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(contents.reloads).toBe(1);
  });

  it('waits longer after each loss inside the window, and forgets old ones', () => {
    crash();
    vi.advanceTimersByTime(100);
    crash('oom');
    vi.advanceTimersByTime(399);
    expect(contents.reloads).toBe(1);
    vi.advanceTimersByTime(1);
    expect(contents.reloads).toBe(2);
    crash();
    vi.advanceTimersByTime(1599);
    expect(contents.reloads).toBe(2);
    vi.advanceTimersByTime(1);
    expect(contents.reloads).toBe(3);
    // A minute later the earlier losses no longer count: back to the short delay.
    vi.advanceTimersByTime(60_000);
    crash();
    vi.advanceTimersByTime(100);
    expect(contents.reloads).toBe(4);
    expect(relaunches).toBe(0);
  });

  it('relaunches the app when the renderer keeps failing', () => {
    for (let i = 0; i < 4; i++) {
      crash();
      vi.advanceTimersByTime(2000);
    }
    expect(contents.reloads).toBe(4);
    expect(relaunches).toBe(0);
    crash();
    expect(relaunches).toBe(1);
    crash();
    vi.advanceTimersByTime(10_000);
    expect(relaunches).toBe(1);
    expect(contents.reloads).toBe(4);
  });

  it('kills a page hung past the grace period and reloads it once', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(2999);
    expect(contents.forcedCrashes).toBe(0);
    vi.advanceTimersByTime(1);
    // The kill reports the renderer gone: still one recovery, one reload.
    expect(contents.forcedCrashes).toBe(1);
    vi.advanceTimersByTime(100);
    expect(contents.reloads).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(contents.reloads).toBe(1);
  });

  it('leaves a page that becomes responsive again alone', () => {
    contents.emit('unresponsive');
    vi.advanceTimersByTime(2000);
    contents.emit('responsive');
    vi.advanceTimersByTime(10_000);
    expect(contents.forcedCrashes).toBe(0);
    expect(contents.reloads).toBe(0);
  });

  it("loads the window's own document (with its query) again when the main frame failed to load, ignoring aborted loads", async () => {
    contents.url = '';
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', APP_INDEX_URL, true);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'novbe://display/x.png', false);
    vi.advanceTimersByTime(10_000);
    expect(contents.loads).toEqual([APP_INDEX_URL]);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', APP_INDEX_URL, true);
    vi.advanceTimersByTime(100);
    expect(contents.loads).toEqual([APP_INDEX_URL, APP_INDEX_URL]);
    expect(contents.reloads).toBe(0);
  });

  it('does nothing once the window is gone or watching stopped', () => {
    crash();
    contents.destroyed = true;
    vi.advanceTimersByTime(1000);
    expect(contents.reloads).toBe(0);
    contents.destroyed = false;
    stop();
    crash();
    vi.advanceTimersByTime(1000);
    expect(contents.reloads).toBe(0);
  });
});
