/**
 * `npm run bench <name> [-- --json ...]`: runs one benchmark from scripts/bench/. Each prints
 * its figures for people and, with --json, ends with one JSON line for scripts.
 */
const benches: Record<string, () => Promise<{ main(argv: string[]): Promise<void> }>> = {
  sim: () => import('./bench/sim'),
  hardware: () => import('./bench/hardware'),
  server: () => import('./bench/server/launch'),
  kiosk: () => import('./bench/kiosk'),
  streams: () => import('./bench/streams'),
  display: () => import('./bench/display'),
};

const [name, ...argv] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench:<name> -- [--json]; benchmarks: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
await (await load()).main(argv);
