import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSite, serveRenderer } from './app-protocol';
import { contentSecurityPolicy } from './content-security-policy';

const site = appSite('kiosk');
const { indexUrl: APP_INDEX_URL } = site;
const CSP = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:*'] });

describe('serveRenderer', () => {
  let root: string;
  let dist: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'novbe-renderer-'));
    dist = join(root, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Növbə</title>');
    await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log("ə")');
    await writeFile(join(dist, 'assets', 'növbə font.woff2'), Buffer.from([1, 2, 3]));
    await writeFile(join(root, 'secret.txt'), 'not for the page');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  const get = (url: string, init?: RequestInit) =>
    serveRenderer({ site, distDir: dist, csp: CSP }, new Request(url, init));

  it('serves the built renderer with its type and the CSP', async () => {
    for (const url of [APP_INDEX_URL, 'novbe://kiosk/', 'novbe://kiosk']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('Növbə');
    }
    const js = await get('novbe://kiosk/assets/index-abc.js?v=1');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("ə")');
    const font = await get(`novbe://kiosk/assets/${encodeURIComponent('növbə font.woff2')}`);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([1, 2, 3]);
    const head = await get(APP_INDEX_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never reaches outside the dist folder', async () => {
    for (const url of [
      'novbe://kiosk/../secret.txt',
      'novbe://kiosk/%2e%2e/secret.txt',
      'novbe://kiosk/assets/..%2f..%2fsecret.txt',
      'novbe://kiosk/..%5csecret.txt',
      'novbe://kiosk/%00index.html',
      'novbe://kiosk/assets',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('not for the page');
    }
    expect((await get('novbe://kiosk/%E0%A4%A')).status).toBe(400);
  });

  it('asks a CSP function on every request', async () => {
    let n = 0;
    const res = await serveRenderer(
      { site, distDir: dist, csp: () => `default-src 'self'; x-${++n}` },
      new Request(APP_INDEX_URL),
    );
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; x-1");
    await serveRenderer({ site, distDir: dist, csp: () => `x-${++n}` }, new Request(APP_INDEX_URL));
    expect(n).toBe(2);
  });

  it('answers 404 for another host or a missing file, 405 for a write', async () => {
    expect((await get('novbe://evil/index.html')).status).toBe(404);
    expect((await get('novbe://kiosk/nope.js')).status).toBe(404);
    const post = await get(APP_INDEX_URL, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CSP);
  });
});

describe('appSite', () => {
  it('names the origin and the index document of the host', () => {
    expect(site).toMatchObject({
      host: 'kiosk',
      origin: 'novbe://kiosk',
      indexUrl: 'novbe://kiosk/index.html',
    });
    expect(appSite('display').indexUrl).toBe('novbe://display/index.html');
    for (const host of ['', 'Kiosk', 'a/b', 'kiosk.evil', '-x'])
      expect(() => appSite(host), host).toThrow(TypeError);
  });

  it('accepts only its own scheme and host', () => {
    const isAppUrl = site.isAppUrl;
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('novbe://kiosk/assets/a.js#x')).toBe(true);
    for (const url of [
      'novbe://kiosk.evil/',
      'https://kiosk/',
      'file:///index.html',
      'novbe:kiosk',
      '',
      null,
      'not a url',
    ])
      expect(isAppUrl(url), String(url)).toBe(false);
    expect(isAppUrl('novbe://display/index.html')).toBe(false);
    expect(appSite('display').isAppUrl('novbe://display/index.html?mode=hall&hall=h1')).toBe(true);
  });
});
