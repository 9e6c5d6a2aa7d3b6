/** Helpers for the catalogue tests: every leaf of a nested section as `path → text`. */
export function leaves(node: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === 'string') return out.set(path, node);
  for (const [key, value] of Object.entries(node as Record<string, unknown>))
    for (const [p, text] of leaves(value, path ? `${path}.${key}` : key)) out.set(p, text);
  return out;
}

/** The `{name}` placeholders of a text, sorted. */
export const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
