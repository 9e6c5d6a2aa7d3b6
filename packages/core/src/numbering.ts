import { LeaseError } from './errors';

/** `A` + 42 → `A-042`: at least three digits, more when the day runs past 999. */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(3, '0')}`;
}

/**
 * The prefix a kiosk uses when it must issue offline with no leased numbers left: `K` and the
 * kiosk's number. Service prefixes are letters only, so these never collide with them.
 */
export function kioskFallbackPrefix(kioskNumber: number): string {
  if (!Number.isInteger(kioskNumber) || kioskNumber < 1 || kioskNumber > 99)
    throw new LeaseError(`kiosk number must be 1..99, got ${kioskNumber}`);
  return `K${kioskNumber}`;
}

/** A block of numbers the server reserved for one kiosk to issue offline. */
export interface NumberLease {
  readonly id: string;
  readonly kioskId: string;
  readonly prefix: string;
  /** The center day the numbers are valid for. */
  readonly day: string;
  readonly first: number;
  readonly last: number;
}

export type AllocatorSnapshot = Record<string, Record<string, number>>;

/**
 * The server's numbering: per prefix and center day, one counter that both online issues and
 * leases draw from. A lease reserves a whole range ahead of the counter, so no number is ever
 * handed out twice, online or offline, on any kiosk.
 */
export class NumberAllocator {
  /** day → prefix → next unused sequence number. */
  readonly #next = new Map<string, Map<string, number>>();

  constructor(snapshot: AllocatorSnapshot = {}) {
    for (const [day, prefixes] of Object.entries(snapshot))
      this.#next.set(day, new Map(Object.entries(prefixes)));
  }

  #day(day: string): Map<string, number> {
    let m = this.#next.get(day);
    if (!m) {
      m = new Map();
      this.#next.set(day, m);
    }
    return m;
  }

  /** The next number for an online issue. */
  next(prefix: string, day: string): number {
    const seq = this.peek(prefix, day);
    this.reserve(prefix, day, seq);
    return seq;
  }

  /** The number `next` would give, without taking it. */
  peek(prefix: string, day: string): number {
    return this.#next.get(day)?.get(prefix) ?? 1;
  }

  /** Reserves `size` consecutive numbers for a kiosk's offline issuing. */
  lease(id: string, kioskId: string, prefix: string, day: string, size: number): NumberLease {
    const lease = this.planLease(id, kioskId, prefix, day, size);
    this.reserve(prefix, day, lease.last);
    return lease;
  }

  /** The block `lease` would reserve, without reserving it. */
  planLease(id: string, kioskId: string, prefix: string, day: string, size: number): NumberLease {
    if (!Number.isInteger(size) || size < 1 || size > 10_000)
      throw new LeaseError(`lease size must be 1..10000, got ${size}`);
    const first = this.peek(prefix, day);
    return { id, kioskId, prefix, day, first, last: first + size - 1 };
  }

  /** Marks every number up to `seq` as used (replaying issued tickets and leases). */
  reserve(prefix: string, day: string, seq: number): void {
    const m = this.#day(day);
    if ((m.get(prefix) ?? 1) <= seq) m.set(prefix, seq + 1);
  }

  /** Forgets days before `day`; their numbers can never be issued again anyway. */
  prune(day: string): void {
    for (const d of this.#next.keys()) if (d < day) this.#next.delete(d);
  }

  snapshot(): AllocatorSnapshot {
    const out: AllocatorSnapshot = {};
    for (const [day, m] of this.#next) out[day] = Object.fromEntries(m);
    return out;
  }
}

/** What a kiosk took from its leases for one offline ticket. */
export interface LeasedNumber {
  readonly leaseId: string;
  readonly prefix: string;
  readonly seq: number;
}

/**
 * The kiosk's side of leasing: the blocks it holds and how far each is used. Numbers are taken
 * in order from the oldest block; a block of another day is never used.
 */
export class LeasePool {
  readonly #leases: NumberLease[] = [];
  /** lease id → next unused number in it. */
  readonly #cursor = new Map<string, number>();

  constructor(leases: readonly NumberLease[] = [], used: Record<string, number> = {}) {
    for (const lease of leases) this.add(lease, used[lease.id]);
  }

  /** Adds a block; `nextSeq` resumes a block partly used before a restart. */
  add(lease: NumberLease, nextSeq = lease.first): void {
    if (this.#cursor.has(lease.id)) return;
    if (lease.last < lease.first) throw new LeaseError(`lease ${lease.id} is empty`);
    this.#leases.push(lease);
    this.#cursor.set(lease.id, nextSeq);
  }

  /** Takes the next free number for a prefix on a day, or null when none is left. */
  take(prefix: string, day: string): LeasedNumber | null {
    for (const lease of this.#leases) {
      if (lease.prefix !== prefix || lease.day !== day) continue;
      const seq = this.#cursor.get(lease.id)!;
      if (seq > lease.last) continue;
      this.#cursor.set(lease.id, seq + 1);
      return { leaseId: lease.id, prefix, seq };
    }
    return null;
  }

  /** Numbers left for a prefix on a day. */
  remaining(prefix: string, day: string): number {
    let n = 0;
    for (const lease of this.#leases) {
      if (lease.prefix === prefix && lease.day === day)
        n += Math.max(0, lease.last - this.#cursor.get(lease.id)! + 1);
    }
    return n;
  }

  /** Drops blocks of days before `day` and blocks fully used. */
  prune(day: string): void {
    for (let i = this.#leases.length - 1; i >= 0; i--) {
      const lease = this.#leases[i]!;
      if (lease.day < day || this.#cursor.get(lease.id)! > lease.last) {
        this.#leases.splice(i, 1);
        this.#cursor.delete(lease.id);
      }
    }
  }

  /** The next unused number of each block, for persisting. */
  cursors(): Record<string, number> {
    return Object.fromEntries(this.#cursor);
  }

  leases(): readonly NumberLease[] {
    return this.#leases;
  }
}
