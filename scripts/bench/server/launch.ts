/**
 * `npm run bench:server`: builds the server as it is deployed and the load generator
 * (`main.ts`) into plain JavaScript, then runs the generator with plain node. Under the
 * TypeScript loader the generator's process held a second V8 isolate whose garbage
 * collections took 4–12 ms of the generator's core in the middle of a measurement.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildServer, NODE_BUNDLE } from '../../../apps/server/bundle';

export async function main(argv: string[]): Promise<void> {
  const serverBundle = await buildServer();
  const generator = fileURLToPath(new URL('dist/server-bench.mjs', import.meta.url));
  await build({
    stdin: {
      contents: `import { main } from './main.ts';\nawait main(process.argv.slice(2));\n`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    outfile: generator,
    ...NODE_BUNDLE,
  });
  const child = spawn(process.execPath, [generator, ...argv, '--server-bundle', serverBundle], {
    stdio: 'inherit',
  });
  // This process only waits: it keeps off the server's core (see `placeProcesses` in processes.ts).
  if (!argv.includes('--share-cores') && availableParallelism() >= 2)
    spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  // Ctrl-C reaches both: the generator stops its server and removes its data, then exits.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  process.exitCode = await new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
  process.off('SIGINT', ignore);
  process.off('SIGTERM', ignore);
}
