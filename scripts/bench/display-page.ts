/**
 * The hall page and its link as bench:display measures them: a relay that drops connections,
 * what the page records (when the newest number changed, every call it took in), its heap and
 * its JS size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

const r1 = (x: number) => Number(x.toFixed(1));

/** What the bench reads of the page's `window.novbeScreen` (apps/display/renderer/src/main.tsx). */
export interface ScreenHooks {
  novbeScreen: {
    voiceReady(): Promise<unknown>;
    announcements(): { enqueuedAt: number; scheduledAt?: number; endedAt?: number }[];
  };
}

/** A TCP relay between the page and the server that can cut every connection at once. */
export async function relay(
  port: number,
): Promise<{ port: number; cut(): void; close(): void; cuts: number }> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      // As a LAN switch: no Nagle delay added to small frames.
      s.setNoDelay(true);
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state = {
    port: (server.address() as { port: number }).port,
    cuts: 0,
    cut() {
      state.cuts++;
      for (const s of open) s.destroy();
    },
    close() {
      state.cut();
      server.close();
    },
  };
  return state;
}

export function jsGzipKb(dist: string): number {
  const files = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, 'assets', f))).length, 0);
  return r1(bytes / 1024);
}

/** The page's heap in use after a full garbage collection, bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Records on the page when the newest call's number changed, and every call it took in. */
export const seenCalls = async (page: Page) =>
  (await page.evaluate(() => sessionStorage.getItem('novbeBenchSeen') ?? '')).split(' ').filter(Boolean);

export async function instrument(page: Page): Promise<void> {
  // A string, not a function: the TypeScript loader would wrap a function's inner functions in
  // helpers the page does not have.
  await page.addInitScript(`
    window.novbeBenchShown = [];
    // When each event-stream message reached the page, to tell the page's own time from the rest.
    window.novbeBenchArrivals = [];
    const PageSocket = window.WebSocket;
    window.WebSocket = class extends PageSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', () => {
          window.novbeBenchArrivals.push(performance.timeOrigin + performance.now());
          if (window.novbeBenchArrivals.length > 100) window.novbeBenchArrivals.shift();
        });
      }
    };
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=newest-ticket]')?.textContent ?? '';
      const shown = window.novbeBenchShown;
      if (text && shown.at(-1)?.text !== text) shown.push({ text, at: performance.timeOrigin + performance.now() });
      if (shown.length > 100) shown.splice(0, shown.length - 100);
    }).observe(document, { subtree: true, childList: true, characterData: true });
    // Subscribes the moment the page publishes its hooks, before its stream opens.
    let hooks;
    Object.defineProperty(window, 'novbeScreen', {
      configurable: true,
      get: () => hooks,
      set: (value) => {
        hooks = value;
        // Kept in the tab's session storage: a call taken in just before a reload still counts.
        value.onCall((c) => sessionStorage.setItem('novbeBenchSeen', (sessionStorage.getItem('novbeBenchSeen') ?? '') + c.ticketId + ' '));
      },
    });
  `);
}

export async function shownAt(page: Page, number: string, timeoutMs = 10_000): Promise<number> {
  const handle = await page.waitForFunction(
    (n) =>
      (window as unknown as { novbeBenchShown: { text: string; at: number }[] }).novbeBenchShown.find(
        (s) => s.text === n,
      )?.at,
    number,
    { timeout: timeoutMs, polling: 5 },
  );
  return (await handle.jsonValue()) as number;
}
