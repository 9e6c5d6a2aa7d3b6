/** Passes a fake where the shell's code expects the Electron type it stands in for. */
export function asElectron<T>(fake: unknown): T {
  return fake as T;
}
