/**
 * An agent's method names at run time. A handler map (`KioskHandlers`, `DisplayHandlers`) is a
 * type, erased at build; the preload and the IPC carrier need the list to refuse anything else
 * before it reaches the agent. No value imports here: the preload bundle stays a few KB.
 */
export interface AgentMethods<M extends string = string> {
  readonly names: readonly M[];
  /** Whether a value names one of the agent's methods (never an inherited property). */
  has(method: unknown): method is M;
}

/**
 * The method list of a handler map `H`. Declare the list `as const satisfies readonly (keyof
 * H)[]` and pass it through `AllMethods` so a method added to `H` but not listed fails to compile:
 * `agentMethods<KioskHandlers>()(KIOSK_METHODS)`.
 */
export function agentMethods<H>() {
  return <const L extends readonly (keyof H & string)[]>(
    names: L & AllMethods<H, L>,
  ): AgentMethods<L[number]> => {
    const known: ReadonlySet<string> = new Set(names);
    return {
      names,
      has: (method: unknown): method is L[number] => typeof method === 'string' && known.has(method),
    };
  };
}

/** `unknown` when `L` lists every key of `H`; otherwise a type naming the missing ones. */
export type AllMethods<H, L extends readonly unknown[]> = [Exclude<keyof H, L[number]>] extends [never]
  ? unknown
  : { missing: Exclude<keyof H, L[number]> };
