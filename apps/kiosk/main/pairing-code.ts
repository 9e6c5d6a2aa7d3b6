/**
 * The one-time pairing code given on the command line (`--pair CODE` or `--pair=CODE`), or null.
 * Electron's own switches and the app path sit in argv too; only this flag is read.
 */
export function pairingCode(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--pair=')) return arg.slice('--pair='.length).trim() || null;
    if (arg === '--pair') return argv[i + 1]?.trim() || null;
  }
  return null;
}
