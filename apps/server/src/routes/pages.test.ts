import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing';

let t: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  t = dir = undefined;
});

const POLICY = "default-src 'self'; script-src 'self'";

function builtPage(): string {
  dir = mkdtempSync(join(tmpdir(), 'novbe-page-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}" /></head></html>`,
  );
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  return dir;
}

describe('the display page', () => {
  it('is served at /display/ under its own Content Security Policy', async () => {
    t = await startTestServer({ config: { displayDir: builtPage() } });
    const bare = await fetch(`${t.url}/display`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/display/');
    const page = await fetch(`${t.url}/display/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Content-Security-Policy');
    expect(page.headers.get('content-security-policy')).toBe(`${POLICY}; frame-ancestors 'none'`);
    const script = await fetch(`${t.url}/display/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${t.url}/display/../admin-password`)).status).toBe(404);
    // The API keeps helmet's policy.
    expect((await fetch(`${t.url}/health`)).headers.get('content-security-policy')).toContain(
      "default-src 'self'",
    );
  });

  it('says how to build it when it is not there, instead of a bare 404', async () => {
    t = await startTestServer();
    const page = await fetch(`${t.url}/display/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/NOVBE_DISPLAY_DIR\) is not set.*npm run build -w apps\/display/);
  });

  it("lets the display's Electron page call the API, and no other origin", async () => {
    t = await startTestServer();
    const preflight = (origin: string) =>
      fetch(`${t!.url}/v1/snapshot`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const ours = await preflight('novbe://display');
    expect(ours.headers.get('access-control-allow-origin')).toBe('novbe://display');
    expect(ours.headers.get('access-control-allow-credentials')).toBeNull();
    const theirs = await preflight('http://elsewhere.example');
    expect(theirs.headers.get('access-control-allow-origin')).toBeNull();
  });
});
