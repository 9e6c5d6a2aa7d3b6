/**
 * The one-time pairing codes given on the command line (`--pair CODE` or `--pair=CODE`, as often
 * as needed), in order. Electron's own switches and the app path sit in argv too; only this flag
 * is read. Empty codes are dropped.
 */
export function pairingCodes(argv: readonly string[]): string[] {
  const codes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let code: string | undefined;
    if (arg.startsWith('--pair=')) code = arg.slice('--pair='.length);
    else if (arg === '--pair') code = argv[++i];
    if (code?.trim()) codes.push(code.trim());
  }
  return codes;
}

/** The first pairing code on the command line, or null (an appliance that pairs once). */
export function pairingCode(argv: readonly string[]): string | null {
  return pairingCodes(argv)[0] ?? null;
}
