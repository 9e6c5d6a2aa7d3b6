/**
 * fast-check arbitraries derived from zod 4 schemas, by walking each schema's definition
 * (`schema._zod.def`): values the schema accepts (by shape: refinements are not read), and
 * near misses, values built to fail it in one place (a wrong type, a missing field, one
 * character too many, a number past its bound, an impossible date, hidden characters).
 * `zod-fast-check` speaks zod 3 only. A schema type this module does not know throws, so a
 * new kind of field in the contract is noticed rather than fuzzed with nothing.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { JUNK_NUMBERS, JUNK_STRINGS, JUNK_VALUES, IMPOSSIBLE_DATES, HIDDEN_CHARACTERS } from './junk';

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypes['_zod']['def'];

export interface DeriveOptions {
  /** Arbitraries used in place of a schema's own (known ids, instants near today), by identity. */
  readonly overrides?: ReadonlyMap<Schema, fc.Arbitrary<unknown>>;
  /**
   * Arbitraries for object properties by name (`serviceId`: the center's services), mostly
   * used in place of the property's schema, which still has its turn.
   */
  readonly fields?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

/** What a string or number schema's checks allow. */
interface Bounds {
  min?: number;
  minInclusive: boolean;
  max?: number;
  maxInclusive: boolean;
  integer: boolean;
  minLength?: number;
  maxLength?: number;
  patterns: RegExp[];
  /** A string format such as `date` (zod's `z.iso.date()`). */
  format?: string;
}

const defOf = (schema: Schema): Def => (schema as z.core.$ZodTypes)._zod.def;

function boundsOf(schema: Schema): Bounds {
  const def = defOf(schema) as { checks?: z.core.$ZodCheck[]; pattern?: RegExp; format?: string };
  const b: Bounds = { minInclusive: true, maxInclusive: true, integer: false, patterns: [] };
  if (def.pattern) b.patterns.push(def.pattern);
  if (def.format) b.format = def.format;
  for (const check of def.checks ?? []) {
    const c = check._zod.def as z.core.$ZodCheckDef & Record<string, unknown>;
    switch (c.check) {
      case 'min_length':
        b.minLength = Math.max(b.minLength ?? 0, c.minimum as number);
        break;
      case 'max_length':
        b.maxLength = Math.min(b.maxLength ?? Infinity, c.maximum as number);
        break;
      case 'length_equals':
        b.minLength = b.maxLength = c.length as number;
        break;
      case 'greater_than':
        b.min = c.value as number;
        b.minInclusive = c.inclusive as boolean;
        break;
      case 'less_than':
        b.max = c.value as number;
        b.maxInclusive = c.inclusive as boolean;
        break;
      case 'number_format':
        if (/int/.test(c.format as string)) b.integer = true;
        break;
      case 'string_format':
        if (c.pattern instanceof RegExp) b.patterns.push(c.pattern);
        if (c.format !== 'regex') b.format = c.format as string;
        break;
      default:
        // Refinements, overwrites (trim): not read; a value they refuse is judged by parsing.
        break;
    }
  }
  return b;
}

/** Whether an object property of this schema may be left out of the input. */
function isOptional(schema: Schema): boolean {
  const t = defOf(schema).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

/** The schema a pipe takes its input from: its output side when the input only coerces. */
function pipeSource(def: { in: Schema; out: Schema }): Schema {
  return (defOf(def.in) as { coerce?: boolean }).coerce ? def.out : def.in;
}

function unknownType(type: string): never {
  throw new Error(`zod-arbitrary: no arbitrary for a zod "${type}" schema; teach test/fuzz/zod-arbitrary.ts`);
}

/** Arbitraries of values that fit a schema, and of values that miss it, sharing one cache. */
export interface Arbitraries {
  /** Values the schema accepts by its shape (types, lengths, bounds, patterns). */
  valid(schema: Schema): fc.Arbitrary<unknown>;
  /** Values built to fail the schema in one place (a few may pass it, e.g. through a union). */
  nearMiss(schema: Schema): fc.Arbitrary<unknown>;
}

/** Derives arbitraries from zod schemas, with `options.overrides` in place of some schemas. */
export function deriveArbitraries(options: DeriveOptions = {}): Arbitraries {
  const deriver = new Deriver(options);
  return { valid: (s) => deriver.valid(s), nearMiss: (s) => deriver.nearMiss(s) };
}

class Deriver {
  private readonly validCache = new Map<Schema, fc.Arbitrary<unknown>>();
  private readonly missCache = new Map<Schema, fc.Arbitrary<unknown>>();
  constructor(private readonly options: DeriveOptions) {}

  valid(schema: Schema): fc.Arbitrary<unknown> {
    const override = this.options.overrides?.get(schema);
    if (override) return override;
    let arb = this.validCache.get(schema);
    if (!arb) {
      arb = this.deriveValid(schema);
      this.validCache.set(schema, arb);
    }
    return arb;
  }

  nearMiss(schema: Schema): fc.Arbitrary<unknown> {
    let arb = this.missCache.get(schema);
    if (!arb) {
      arb = this.deriveNearMiss(schema);
      this.missCache.set(schema, arb);
    }
    return arb;
  }

  private deriveValid(schema: Schema): fc.Arbitrary<unknown> {
    const def = defOf(schema);
    switch (def.type) {
      case 'string':
        return validString(boundsOf(schema));
      case 'number':
        return validNumber(boundsOf(schema));
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'undefined':
        return fc.constant(undefined);
      case 'unknown':
      case 'any':
        return fc.jsonValue({ maxDepth: 2 });
      case 'literal':
        return fc.constantFrom(...def.values);
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries));
      case 'optional':
      case 'default':
      case 'prefault':
        return fc.option(this.valid(def.innerType), { nil: undefined, freq: 3 });
      case 'nullable':
        return fc.option(this.valid(def.innerType), { nil: null, freq: 4 });
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return this.valid(def.innerType);
      case 'lazy':
        return this.valid(def.getter());
      case 'pipe':
        return this.valid(pipeSource(def));
      case 'union':
        return fc.oneof(...def.options.map((o) => this.valid(o)));
      case 'array': {
        const b = boundsOf(schema);
        const element = this.valid(def.element);
        const minLength = b.minLength ?? 0;
        const few = fc.array(element, { minLength, maxLength: Math.min(b.maxLength ?? 8, minLength + 8) });
        if (b.maxLength === undefined || b.maxLength <= minLength + 8) return few;
        // Now and then a full array: a whole outbox, every service at once.
        const full = fc.array(element, { minLength: b.maxLength, maxLength: b.maxLength });
        return fc.oneof({ arbitrary: few, weight: 30 }, { arbitrary: full, weight: 1 });
      }
      case 'tuple':
        return fc.tuple(...def.items.map((i) => this.valid(i)));
      case 'object': {
        const shape = def.shape as Record<string, Schema>;
        const entries = Object.entries(shape);
        return fc.record(
          Object.fromEntries(
            entries.map(([k, s]) => {
              const own = this.valid(isOptional(s) ? unwrapOptional(s) : s);
              const hint = this.options.fields?.[k];
              return [k, hint ? fc.oneof({ arbitrary: hint, weight: 4 }, own) : own];
            }),
          ),
          { requiredKeys: entries.filter(([, s]) => !isOptional(s)).map(([k]) => k), noNullPrototype: true },
        );
      }
      case 'record': {
        const key = defOf(def.keyType);
        const value = this.valid(def.valueType);
        if (key.type === 'enum') {
          const keys = Object.values(key.entries).map(String);
          const partial = (def as { partial?: boolean }).partial === true;
          return fc.record(Object.fromEntries(keys.map((k) => [k, value])), {
            requiredKeys: partial ? [] : keys,
            noNullPrototype: true,
          });
        }
        return fc.dictionary(this.valid(def.keyType) as fc.Arbitrary<string>, value, {
          maxKeys: 5,
          noNullPrototype: true,
        });
      }
      default:
        return unknownType(def.type);
    }
  }

  private deriveNearMiss(schema: Schema): fc.Arbitrary<unknown> {
    const def = defOf(schema);
    switch (def.type) {
      case 'string':
        return fc.oneof(wrongType('string'), stringMiss(boundsOf(schema), validString(boundsOf(schema))));
      case 'number':
        return fc.oneof(wrongType('number'), numberMiss(boundsOf(schema)));
      case 'boolean':
        return fc.oneof(wrongType('boolean'), fc.constantFrom('true', 'false', 1, 0));
      case 'null':
      case 'undefined':
        return wrongType('null');
      case 'unknown':
      case 'any':
        // Anything fits; junk still travels.
        return fc.constantFrom(...JUNK_VALUES);
      case 'literal':
      case 'enum': {
        const values = def.type === 'literal' ? def.values : Object.values(def.entries);
        const strings = values.filter((v): v is string => typeof v === 'string');
        return fc.oneof(
          wrongType('string'),
          fc.constantFrom(...JUNK_STRINGS),
          // Nearly right: another case, a space, a hidden character.
          fc.constantFrom(
            ...(strings.length ? strings : ['x']).flatMap((v) => [v.toUpperCase(), ` ${v}`, `${v}\u200b`]),
          ),
        );
      }
      case 'optional':
      case 'default':
      case 'prefault':
        // Absent is fine; null is not, unless the inner schema says so.
        return fc.oneof(this.nearMiss(def.innerType), fc.constant(null));
      case 'nullable':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return this.nearMiss(def.innerType);
      case 'lazy':
        return this.nearMiss(def.getter());
      case 'pipe':
        return this.nearMiss(pipeSource(def));
      case 'union':
        return fc.oneof(...def.options.map((o) => this.nearMiss(o)));
      case 'tuple':
        return fc.oneof(wrongType('array'), fc.constant([]));
      case 'array': {
        const b = boundsOf(schema);
        const element = this.valid(def.element);
        const misses: fc.Arbitrary<unknown>[] = [
          wrongType('array'),
          // One bad element among good ones.
          fc
            .tuple(
              fc.array(element, { maxLength: 3 }),
              this.nearMiss(def.element),
              fc.array(element, { maxLength: 3 }),
            )
            .map(([a, bad, c]) => [...a, bad, ...c]),
        ];
        if (b.maxLength !== undefined)
          misses.push(fc.array(element, { minLength: b.maxLength + 1, maxLength: b.maxLength + 1 }));
        if ((b.minLength ?? 0) > 0) misses.push(fc.array(element, { maxLength: b.minLength! - 1 }));
        return fc.oneof(...misses);
      }
      case 'object': {
        const shape = def.shape as Record<string, Schema>;
        const keys = Object.keys(shape);
        const required = keys.filter((k) => !isOptional(shape[k]!));
        const whole = this.valid(schema) as fc.Arbitrary<Record<string, unknown>>;
        const misses: fc.Arbitrary<unknown>[] = [wrongType('object')];
        if (keys.length)
          // Every field right but one.
          misses.push(
            fc
              .constantFrom(...keys)
              .chain((k) =>
                fc.tuple(whole, this.nearMiss(shape[k]!)).map(([o, bad]) => ({ ...o, [k]: bad })),
              ),
          );
        if (required.length)
          misses.push(
            fc.tuple(whole, fc.constantFrom(...required)).map(([o, k]) => {
              const { [k]: _gone, ...rest } = o;
              return rest;
            }),
          );
        // Keys that poison a careless merge; zod strips unknown keys, so these may well pass.
        misses.push(whole.map((o) => ({ ...o, ...JSON.parse('{"__proto__":{"polluted":true}}') })));
        return fc.oneof(...misses);
      }
      case 'record': {
        const value = this.nearMiss(def.valueType);
        return fc.oneof(
          wrongType('object'),
          fc.tuple(this.valid(schema), value).map(([o, bad]) => ({ ...(o as object), junk: bad })),
        );
      }
      default:
        return unknownType(def.type);
    }
  }
}

function unwrapOptional(schema: Schema): Schema {
  const def = defOf(schema) as { innerType?: Schema };
  return def.innerType ?? schema;
}

/** Values of every JSON type but `kind`. */
function wrongType(
  kind: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object',
): fc.Arbitrary<unknown> {
  const all: Record<typeof kind, unknown[]> = {
    string: ['', 'x'],
    number: [0, -1, 1.5],
    boolean: [true, false],
    null: [null],
    array: [[], [1], [null]],
    object: [{}, { a: 1 }],
  };
  return fc.constantFrom(...Object.entries(all).flatMap(([k, values]) => (k === kind ? [] : values)));
}

function validString(b: Bounds): fc.Arbitrary<string> {
  const minLength = b.minLength ?? 0;
  const maxLength = b.maxLength ?? Infinity;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  if (b.patterns.length) {
    const [first, ...rest] = b.patterns;
    return fc.stringMatching(first!).filter((s) => fits(s) && rest.every((p) => p.test(s)));
  }
  const upTo = Math.min(maxLength, minLength + 40);
  const short = fc.string({ minLength, maxLength: upTo, unit: 'grapheme' });
  const words = fc.string({ minLength, maxLength: upTo, unit: fc.constantFrom(...'abcəğıöşçü AZ09-_.') });
  if (!Number.isFinite(maxLength) || maxLength <= upTo) return fc.oneof(words, short);
  // As long as the field allows.
  const longest = fc.string({ minLength: maxLength, maxLength, unit: fc.constantFrom('a', 'ə', 'Ж', '9') });
  return fc.oneof(
    { arbitrary: words, weight: 4 },
    { arbitrary: short, weight: 4 },
    { arbitrary: longest, weight: 1 },
  );
}

function stringMiss(b: Bounds, valid: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const misses: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...JUNK_STRINGS),
    // A good value with a hidden or stray character at either end or inside.
    fc.tuple(valid, fc.constantFrom(...HIDDEN_CHARACTERS), fc.nat()).map(([s, c, at]) => {
      const i = s.length ? at % (s.length + 1) : 0;
      return s.slice(0, i) + c + s.slice(i);
    }),
  ];
  if (b.maxLength !== undefined)
    misses.push(fc.constantFrom('x'.repeat(b.maxLength + 1), 'ə'.repeat(b.maxLength + 1)));
  if ((b.minLength ?? 0) > 0) misses.push(fc.constant('x'.repeat(b.minLength! - 1)));
  if (b.patterns.length) misses.push(fc.string({ maxLength: 40, unit: 'binary' }));
  if (b.format === 'date') misses.push(fc.constantFrom(...IMPOSSIBLE_DATES));
  return fc.oneof(...misses);
}

function validNumber(b: Bounds): fc.Arbitrary<number> {
  if (b.integer) {
    const min = Math.max(
      Number.MIN_SAFE_INTEGER,
      b.min === undefined ? -Infinity : b.minInclusive ? Math.ceil(b.min) : Math.floor(b.min) + 1,
    );
    const max = Math.min(
      Number.MAX_SAFE_INTEGER,
      b.max === undefined ? Infinity : b.maxInclusive ? Math.floor(b.max) : Math.ceil(b.max) - 1,
    );
    // The bounds themselves, small values, and anything between.
    return fc.oneof(
      fc.constantFrom(min, max),
      fc.integer({ min: Math.max(min, Math.min(max, -10)), max: Math.min(max, Math.max(min, 1000)) }),
      fc.integer({ min, max }),
    );
  }
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    min: b.min ?? -Number.MAX_VALUE,
    max: b.max ?? Number.MAX_VALUE,
    minExcluded: b.min !== undefined && !b.minInclusive,
    maxExcluded: b.max !== undefined && !b.maxInclusive,
  });
}

function numberMiss(b: Bounds): fc.Arbitrary<unknown> {
  const edges: number[] = [...JUNK_NUMBERS];
  if (b.max !== undefined) edges.push(b.max + 1, b.max + 0.5, b.max * 2 + 1);
  if (b.min !== undefined) edges.push(b.min - 1, b.min - 0.5);
  if (b.integer) edges.push(0.5, 1.000001);
  return fc.oneof(
    fc.constantFrom(...edges),
    // The number as text, as a careless client sends it.
    fc.constantFrom('1', '0', '1e3', '8640000000000001', ''),
  );
}
