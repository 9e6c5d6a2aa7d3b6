/**
 * What the server acknowledged during a crash loop, as its clients saw it: each ticket with
 * its number and day, and how far along a counter took it. Two acknowledged tickets with one
 * number on one day is a problem at once; the rest is checked against the server after every
 * restart.
 */

/** How far a ticket got, in the order a counter takes it. */
export const STAGE = { issued: 0, called: 1, serving: 2, done: 3 } as const;
export type Stage = keyof typeof STAGE;

/** The stage a ticket status stands for; transfers, cancellations and no-shows are past every stage. */
export function stageOf(status: string): number {
  switch (status) {
    case 'issued':
      return STAGE.issued;
    case 'called':
      return STAGE.called;
    case 'serving':
      return STAGE.serving;
    default:
      return STAGE.done;
  }
}

export interface AcknowledgedTicket {
  readonly id: string;
  readonly number: string;
  readonly day: string;
  readonly offline: boolean;
  /** The cycle in which the server acknowledged it. */
  readonly cycle: number;
}

export class Ledger {
  readonly tickets = new Map<string, AcknowledgedTicket>();
  private readonly numbers = new Map<string, string>();
  /**
   * The furthest stage a counter command was acknowledged for, by ticket id (a counter may call
   * a ticket whose issuing answer was lost in a crash: it must be there all the same).
   */
  readonly stages = new Map<string, number>();
  readonly problems: string[] = [];
  /** Counter commands acknowledged (call, start, finish). */
  commands = 0;
  /** Tickets acknowledged or moved on since the last `takeChanged()`. */
  private changed = new Set<string>();

  /** The ids acknowledged or moved on since the last call: the ones a restart must show. */
  takeChanged(): string[] {
    const ids = [...this.changed];
    this.changed = new Set();
    return ids;
  }

  /** A ticket the server acknowledged: online (its answer) or offline (accepted or duplicate). */
  ticket(t: AcknowledgedTicket): void {
    const known = this.tickets.get(t.id);
    if (known) {
      if (known.number !== t.number || known.day !== t.day)
        this.problems.push(
          `ticket ${t.id} acknowledged as ${known.number} (${known.day}), then as ${t.number} (${t.day})`,
        );
      return;
    }
    const key = `${t.day} ${t.number}`;
    const holder = this.numbers.get(key);
    if (holder !== undefined)
      this.problems.push(
        `number ${t.number} on ${t.day} acknowledged for two tickets: ${holder} and ${t.id}`,
      );
    this.numbers.set(key, t.id);
    this.tickets.set(t.id, t);
    this.changed.add(t.id);
  }

  /** A counter command acknowledged for a ticket: it is at least at `stage` now. */
  stage(id: string, stage: Stage): void {
    this.commands++;
    this.stages.set(id, Math.max(this.stages.get(id) ?? 0, STAGE[stage]));
    this.changed.add(id);
  }
}
