import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, serveRenderer } from './app-protocol';
import { KIOSK_CSP } from './content-security-policy';

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
  const get = (url: string, init?: RequestInit) => serveRenderer(dist, new Request(url, init));

  it('serves the built renderer with its type and the kiosk CSP', async () => {
    for (const url of [APP_INDEX_URL, 'novbe://kiosk/', 'novbe://kiosk']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(KIOSK_CSP);
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

  it('answers 404 for another host or a missing file, 405 for a write', async () => {
    expect((await get('novbe://evil/index.html')).status).toBe(404);
    expect((await get('novbe://kiosk/nope.js')).status).toBe(404);
    const post = await get(APP_INDEX_URL, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(KIOSK_CSP);
  });
});

describe('isAppUrl', () => {
  it('accepts only the kiosk scheme and host', () => {
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
  });
});
