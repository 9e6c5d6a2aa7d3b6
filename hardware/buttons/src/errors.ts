/**
 * Named errors of the keypad driver. None of them is thrown out of an event handler: the watcher
 * reports them as 'fault' events so a bad report or a pulled cable never ends the process.
 */
export abstract class KeypadError extends Error {
  abstract readonly code: string;
}

/** A report whose length or layout is not one the keypad's profile allows. */
export class MalformedReportError extends KeypadError {
  override name = 'MalformedReportError';
  readonly code = 'malformed-report';
  constructor(
    readonly report: Uint8Array,
    reason: string,
  ) {
    super(`malformed HID report [${hex(report)}]: ${reason}`);
  }
}

/** The keymap configuration does not validate; `issues` name each key and what was expected. */
export class KeymapConfigError extends KeypadError {
  override name = 'KeymapConfigError';
  readonly code = 'keymap-invalid';
  constructor(readonly issues: readonly string[]) {
    super(`invalid keypad keymap:\n  ${issues.join('\n  ')}`);
  }
}

/** A key name that is neither a known HID usage name nor a usage number. */
export class UnknownKeyError extends KeypadError {
  override name = 'UnknownKeyError';
  readonly code = 'unknown-key';
  constructor(readonly key: string) {
    super(`unknown key "${key}" (use a name like F13, KP_1, Ctrl+Alt+1, Consumer:NextTrack, or 0x68)`);
  }
}

/** The keypad is listed but could not be opened (permissions, busy, gone again). */
export class KeypadOpenError extends KeypadError {
  override name = 'KeypadOpenError';
  readonly code = 'keypad-open-failed';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot open keypad ${path}: ${reason}`);
  }
}

/** The open keypad stopped answering: unplugged, or its read failed. */
export class KeypadDisconnectedError extends KeypadError {
  override name = 'KeypadDisconnectedError';
  readonly code = 'keypad-disconnected';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`keypad ${path} disconnected: ${reason}`);
  }
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Closes every `switch` on a union: a new member fails to compile here. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
