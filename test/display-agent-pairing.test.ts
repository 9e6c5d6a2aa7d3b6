/**
 * The display agent's identity against a real center server: one display token for its screens
 * and the event stream, one counter-board token per counter, kept owner-only; codes that are
 * unknown, used or for another kind of device are refused by name; tokens never reach the log.
 */
import { PairingError, startDisplayAgent, type DisplayAgent } from '@novbe/display/agent';
import type { DisplayEvent } from '@novbe/protocol';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../apps/server/src/testing';
import { MONDAY_10_00 } from './kiosk-rig';

let server: TestServer | undefined;
let agent: DisplayAgent | undefined;
let dir: string | undefined;
afterEach(async () => {
  await agent?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  agent = server = dir = undefined;
});

describe('display agent: pairing', () => {
  it('pairs its display and counter boards, keeps the tokens owner-only, and refuses bad codes by name', async () => {
    const t0 = Date.now();
    server = await startTestServer({ clock: () => MONDAY_10_00 + Date.now() - t0 });
    dir = mkdtempSync(join(tmpdir(), 'novbe-display-pairing-'));
    let logged = '';
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logged += chunk.toString();
          done();
        },
      }),
    );
    agent = await startDisplayAgent(
      { serverUrl: server.url, dataDir: dir, keypads: { hid: false }, heartbeatIntervalMs: 60_000 },
      { logger },
    );
    const events: DisplayEvent[] = [];
    agent.onEvent((e) => events.push(e));
    const code = async (body: Parameters<TestServer['admin']['createPairingCode']>[0]['body']) =>
      (await server!.admin.createPairingCode({ body })).code;

    expect(await agent.handlers['screen-setup']()).toEqual({ serverUrl: server.url, token: null });
    expect(agent.status().link).toBe('offline');

    // The screen pairs the display: the setup now carries its token, and the stream goes live.
    const setup = await agent.handlers['screen-pair']({
      code: await code({ role: 'display', name: 'Zal 1', hallIds: ['hall-1'] }),
    });
    expect(setup.token).toEqual(expect.any(String));
    expect(events).toContainEqual({ type: 'setup', setup });
    await expect.poll(() => agent!.status().link).toBe('live');

    // A counter board, by the host (`--pair`): stored by its counter.
    expect(
      await agent.pair(await code({ role: 'counter-board', name: 'Masa 1', counterId: 'counter-1' })),
    ).toMatchObject({
      role: 'counter-board',
      counterId: 'counter-1',
    });
    const file = join(dir, 'identity.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const identity = JSON.parse(readFileSync(file, 'utf8')) as {
      display: { token: string; hallIds: string[] };
      counters: Record<string, { token: string }>;
    };
    expect(identity.display).toMatchObject({ token: setup.token, hallIds: ['hall-1'] });
    expect(Object.keys(identity.counters)).toEqual(['counter-1']);

    // Unknown and used codes, a malformed one, and a kiosk's code: refused by name.
    const used = await code({ role: 'counter-board', name: 'Masa 2', counterId: 'counter-2' });
    await agent.pair(used);
    await expect(agent.pair(used)).rejects.toThrow(PairingError);
    await expect(agent.pair('00000000')).rejects.toMatchObject({
      name: 'PairingError',
      code: 'unauthorized',
      message: expect.stringMatching(/unknown, used or expired pairing code/),
    });
    await expect(agent.pair('12')).rejects.toThrow(/a pairing code is 8 digits/);
    await expect(agent.pair(await code({ role: 'kiosk', name: 'K' }))).rejects.toThrow(
      /not a display or a counter board/,
    );
    const refused = await agent.handlers['screen-pair']({ code: '00000000' }).catch((e: unknown) =>
      agent!.errorBody(e),
    );
    expect(refused).toMatchObject({ code: 'unauthorized' });

    // Restarted, the agent still holds every token.
    await agent.close();
    agent = await startDisplayAgent(
      { serverUrl: server.url, dataDir: dir, keypads: { hid: false } },
      { logger },
    );
    expect((await agent.handlers['screen-setup']()).token).toBe(setup.token);

    // No token went to the log, however chatty.
    for (const token of [identity.display.token, ...Object.values(identity.counters).map((c) => c.token)])
      expect(logged).not.toContain(token);
    expect(logged).toContain('paired a counter board');
  });
});
