import { CardRejectReason, type CardRejection } from './reject-reason';

const STX = '\x02';
const MRZ_TEXT = /^[A-Z0-9<]+$/;
/** Lines per document by line length: TD1 ID cards 3 × 30, TD2 2 × 36, TD3 passports 2 × 44. */
const LINES_PER_DOCUMENT = new Map([
  [30, 3],
  [36, 2],
  [44, 2],
]);

export type AssemblerEvent =
  { kind: 'lines'; lines: string[] } | { kind: 'reject'; rejection: CardRejection };

/**
 * Groups framed lines into whole MRZ reads. Strips what readers add around the MRZ (control bytes, line
 * noise, spaces, STX framing), splits a read that arrived as one joined line, and refuses lines that
 * cannot be MRZ. Pure and synchronous: the transport decides when a silence ends a read (`abandon`).
 */
export class MrzReadAssembler {
  #pending: string[] = [];

  get pendingLines(): number {
    return this.#pending.length;
  }

  /** Takes one line as framed (terminator removed) and returns what it completed or refused. */
  pushLine(raw: string): AssemblerEvent[] {
    const events: AssemblerEvent[] = [];
    let text = raw;
    const stx = text.lastIndexOf(STX);
    if (stx !== -1) {
      // STX opens a new read: whatever was still waiting belongs to a read that never finished.
      if (this.#pending.length > 0)
        events.push(this.#dropPending('a new read started before the last one ended'));
      text = text.slice(stx + 1);
    }
    // Printable ASCII only: noise bytes (NUL, XON/XOFF, 0xFF, broken UTF-8) and padding spaces go.
    text = text.replace(/[^\x21-\x7e]/g, '');
    if (text === '') return events;

    if (!MRZ_TEXT.test(text)) {
      this.#pending = [];
      events.push(reject(CardRejectReason.Garbled, 'a line holds characters outside the MRZ alphabet'));
      return events;
    }
    for (const line of splitJoined(text)) {
      const expected = LINES_PER_DOCUMENT.get(line.length);
      if (expected === undefined) {
        this.#pending = [];
        events.push(reject(CardRejectReason.Garbled, `a ${line.length}-character line is no MRZ line`));
        continue;
      }
      if (this.#pending.length > 0 && this.#pending[0]!.length !== line.length) {
        events.push(this.#dropPending('lines of different MRZ formats'));
      }
      this.#pending.push(line);
      if (this.#pending.length === expected) {
        events.push({ kind: 'lines', lines: this.#pending });
        this.#pending = [];
      }
    }
    return events;
  }

  /**
   * The reader went silent. Returns a `partial` rejection when a read was under way (lines waiting, or
   * MRZ characters in the framer's unterminated tail), and starts afresh either way.
   */
  abandon(tailHadMrzText: boolean): CardRejection | null {
    const partial = this.#pending.length > 0 || tailHadMrzText;
    const lines = this.#pending.length;
    this.#pending = [];
    return partial ? partialRejection(`the reader went silent after ${lines} of the MRZ lines`) : null;
  }

  reset(): void {
    this.#pending = [];
  }

  #dropPending(why: string): AssemblerEvent {
    this.#pending = [];
    return { kind: 'reject', rejection: partialRejection(why) };
  }
}

/** Some readers send the MRZ as one line: 90 characters is TD1, 72 TD2, 88 TD3. */
const JOINED_LINE_LENGTH = new Map([
  [60, 30],
  [90, 30],
  [72, 36],
  [88, 44],
]);

function splitJoined(text: string): string[] {
  const lineLength = JOINED_LINE_LENGTH.get(text.length);
  if (lineLength === undefined) return [text];
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += lineLength) lines.push(text.slice(at, at + lineLength));
  return lines;
}

function partialRejection(message: string): CardRejection {
  return { reason: CardRejectReason.Partial, message };
}

function reject(reason: CardRejectReason, message: string): AssemblerEvent {
  return { kind: 'reject', rejection: { reason, message } };
}
