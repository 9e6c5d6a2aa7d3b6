import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Ends the program with one clear line (and the usage) for a bad command-line argument. */
export function usageError(message: string, usage: string): never {
  console.error(`error: ${message}\n${usage}`);
  process.exit(2);
}

/** `parseArgs` that answers an unknown or malformed flag with one line, not a stack trace. */
export function parseCommandLine<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    return usageError((e as Error).message, usage);
  }
}

/** A flag's value as a whole number ≥ `min`; one clear line otherwise. */
export function wholeNumber(name: string, value: string | undefined, usage: string, min = 1): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min)
    usageError(`--${name} must be a whole number ≥ ${min}, got "${value ?? ''}"`, usage);
  return n;
}
