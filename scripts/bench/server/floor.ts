/**
 * What this machine puts under any answer, measured the same way as the server: a bare
 * `node:http` server's latency at the issue rate, and the data disk's fsync.
 */
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { percentiles, type Percentiles } from '@novbe/core';
import { PROTOCOL_VERSION } from '@novbe/protocol';
import { centerClient, health } from './center-api';
import { keepAlive } from './http';
import { openLoop } from './load';
import { freePort, spawnOnServerCpu, untilHealthy, type Placement } from './processes';

/**
 * A bare `node:http` server (no framework, no database, no sync) as its own process on the
 * server's CPU, asked for `/health` through the kiosks' client at `rate` for `count` requests.
 * The center server's own share of the issue latency is what lies above this.
 */
export async function loopbackFloor(placement: Placement, rate: number, count: number): Promise<Percentiles> {
  const port = await freePort();
  const answer = JSON.stringify({ status: 'ok', protocol: PROTOCOL_VERSION, seq: 0 });
  const script =
    `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => ` +
    `res.writeHead(200, { 'content-type': 'application/json' }).end(${JSON.stringify(answer)})); })` +
    `.listen(${port}, '127.0.0.1');`;
  const child = spawnOnServerCpu(placement, [process.execPath, '-e', script], { stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}`;
    await untilHealthy(url, 100);
    const client = centerClient(url, { agent: keepAlive() });
    for (let i = 0; i < 200; i++) await health(client); // warm-up
    const floor = await openLoop(
      rate,
      (i) => i >= count,
      async () => {
        await health(client);
        return NaN;
      },
    );
    if (floor.errors) throw new Error(`loopback floor: ${floor.firstError}`);
    return floor.latency;
  } finally {
    child.kill('SIGKILL');
  }
}

/** How long `dir`'s disk takes to fsync a 4 KiB write: each answer waits for a WAL sync. */
export function diskFsync(dir: string, samples = 300): Percentiles {
  const file = join(dir, 'fsync-probe');
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, page);
      const t0 = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(file);
  }
  return percentiles(times);
}
