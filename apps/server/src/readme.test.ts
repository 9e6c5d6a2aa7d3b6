import { contract, EVENT_STREAM } from '@novbe/protocol';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the server README', () => {
  it('lists every route of the contract table, and no other', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/^\| `((?:GET|POST|PUT|WS) \/[^`]*)` +\|/gm)].map((m) => m[1]);
    const routes = Object.values(contract).map((r) => `${r.method} ${r.path}`);
    expect(listed.sort()).toEqual([...routes, `WS ${EVENT_STREAM.path}`].sort());
  });
});
