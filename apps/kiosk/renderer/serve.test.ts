import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RendererNotBuiltError, serveRenderer, type RendererServer } from './serve';

const POLICY = "default-src 'self'; script-src 'self'";

describe('serveRenderer', () => {
  let dir: string;
  let server: RendererServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'novbe-renderer-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      `<html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}" /></head></html>`,
    );
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'novbe-secret.txt'), 'not for the page');
    server = await serveRenderer({ distDir: dir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'novbe-secret.txt'), { force: true });
  });

  it('serves the build with the page CSP and frame-ancestors as a header', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(`${POLICY}; frame-ancestors 'none'`);
    const js = await fetch(`${server.url}assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
  });

  it('serves nothing outside the build and refuses writes', async () => {
    expect((await fetch(`${server.url}..%2fnovbe-secret.txt`)).status).toBe(404);
    expect((await fetch(`${server.url}assets/none.js`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('builds the page URL for an agent', () => {
    const url = new URL(server.pageUrl('ws://127.0.0.1:9', 't'.repeat(20), { idleMs: 5000 }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      agent: 'ws://127.0.0.1:9',
      token: 't'.repeat(20),
      idleMs: '5000',
    });
  });

  it('says clearly when the renderer was not built', async () => {
    await expect(serveRenderer({ distDir: join(dir, 'missing') })).rejects.toThrow(RendererNotBuiltError);
  });
});
