import { connectAgent, type KioskEvent, type KioskHandlers, type RpcSocket } from '@novbe/protocol';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import WebSocket from 'ws';
import { RENDERER_DIST } from '../serve';
import { expect, test } from './fixtures';

test('the page runs under its strict CSP: an injected inline script does not run', async ({
  openKiosk,
  renderer,
  page,
  pageProblems,
}) => {
  const response = await page.request.get(renderer.url);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  const kiosk = await openKiosk();
  await kiosk.expectScreen('attract');
  const ran = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return { injected: (window as unknown as { injected?: boolean }).injected === true, violations };
  });
  expect(ran.injected).toBe(false);
  // Reported once per policy: the header's and the meta tag's, both enforced.
  expect(new Set(ran.violations)).toEqual(new Set(['script-src-elem']));
  // The violation this test provoked on purpose is the only one the page logged.
  expect(pageProblems.length).toBeGreaterThan(0);
  expect(pageProblems.every((p) => p.includes('inline script'))).toBe(true);
  pageProblems.length = 0;
});

test('the production build: no source maps, no remote URLs, JS within 250 KB gzip', () => {
  const files = readdirSync(`${RENDERER_DIST}/assets`);
  expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  const js = files.filter((f) => f.endsWith('.js'));
  const gzipKb =
    js.reduce((sum, f) => sum + gzipSync(readFileSync(`${RENDERER_DIST}/assets/${f}`)).length, 0) / 1024;
  expect(gzipKb).toBeLessThanOrEqual(250);
  const html = readFileSync(`${RENDERER_DIST}/index.html`, 'utf8');
  expect(html).not.toMatch(/https?:\/\//);
  expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
  const css = readFileSync(`${RENDERER_DIST}/assets/${files.find((f) => f.endsWith('.css'))}`, 'utf8');
  expect(css).not.toMatch(/url\(\s*['"]?https?:/); // fonts are bundled, not fetched
});

test('a wrong token: out of service, not a broken page', async ({ renderer, agent, kiosk }) => {
  await kiosk.open(renderer.pageUrl(agent.url, 'x'.repeat(32)));
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'agent-unreachable');
  expect(agent.calls).toEqual([]);
});

test('a page without the agent parameters says "not configured" and names the key in the log', async ({
  page,
  renderer,
  kiosk,
}) => {
  const logged: string[] = [];
  page.on('console', (m) => logged.push(m.text()));
  await kiosk.open(`${renderer.url}index.html?idleMs=abc`);
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'not-configured');
  expect(logged.join('\n')).toMatch(/idleMs/);
});

test('inside the shell the preload bridge is used, and no WebSocket is opened', async ({
  page,
  renderer,
  agent,
  kiosk,
}) => {
  // A stand-in for the Electron preload and IPC carrier: the page gets `window.novbeKiosk`; its
  // calls cross to this test process, which forwards them to the agent (double).
  const socket = new WebSocket(agent.url);
  const bridge = connectAgent<KioskHandlers, KioskEvent>(socket as unknown as RpcSocket, agent.token);
  await page.exposeFunction('novbeIpcInvoke', (method: keyof KioskHandlers, params: never) =>
    bridge.invoke(method, params),
  );
  await page.addInitScript(() => {
    const listeners = new Set<(e: unknown) => void>();
    const w = window as unknown as Record<string, unknown>;
    w.novbeIpcEvent = (e: unknown) => listeners.forEach((l) => l(e));
    w.novbeKiosk = {
      invoke: (method: string, params: unknown) =>
        (w.novbeIpcInvoke as (m: string, p: unknown) => Promise<unknown>)(method, params),
      subscribe: (l: (e: unknown) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
  });
  bridge.subscribe(
    (event) =>
      void page.evaluate(
        (e) => (window as unknown as { novbeIpcEvent: (e: unknown) => void }).novbeIpcEvent(e),
        event,
      ),
  );
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  await kiosk.open(`${renderer.url}index.html`);
  await kiosk.startIn('en');
  await kiosk.chooseAgency('dim');
  await kiosk.chooseService('dim-criminal-record');
  await kiosk.tap('get-ticket');
  await kiosk.tap('skip-card');
  await expect(kiosk.ticketNumber()).toHaveText('C-001');
  agent.setStatus({ inService: false, reason: 'printer-offline', printer: 'offline' });
  await kiosk.tap('done');
  await expect(kiosk.screen()).toHaveAttribute('data-reason', 'printer-offline');
  expect(sockets).toEqual([]);
  socket.close();
});
