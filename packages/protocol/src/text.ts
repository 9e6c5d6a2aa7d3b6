import { z } from 'zod';

/**
 * Characters that hide in text or change how the text around them shows: control characters
 * (NUL, escapes, line breaks; Unicode Cc), format characters (bidirectional overrides,
 * embeddings, isolates and marks, zero-width spaces and joiners, the BOM; Cf), line and
 * paragraph separators, and lone surrogates. A device name with U+202E reads backwards in the
 * admin's list; one with a zero-width space looks like another device's name.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

/** Where the first hidden character of `text` is, as a person reads it; null when none. */
export function hiddenCharacter(text: string): string | null {
  const found = HIDDEN.exec(text);
  if (!found) return null;
  const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at position ${[...text.slice(0, found.index)].length + 1}`;
}

/**
 * Free text a client sends that people will read (a device's name, its heartbeat's detail):
 * trimmed, at most `max` characters, none of them hidden (see `hiddenCharacter`).
 */
export function plainText(max: number) {
  // Checked before trimming: a BOM or a line break at either end is refused, not hidden away.
  return z
    .string()
    .superRefine((text, ctx) => {
      const hidden = hiddenCharacter(text);
      if (hidden !== null)
        ctx.addIssue({
          code: 'custom',
          message: `control, bidirectional and zero-width characters are not allowed (${hidden})`,
        });
    })
    .trim()
    .max(max);
}
