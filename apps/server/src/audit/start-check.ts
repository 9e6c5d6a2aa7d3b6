import { AuditProblem } from '@novbe/protocol';
import type { EventLog, LogHead } from '@novbe/store';
import type { Finding, HeadRecord } from './head-file';

/** What a start makes of the files beside the key and of the database: the anchor, and any problem. */
export interface StartState {
  readonly anchorSeq: number;
  readonly findings: readonly Finding[];
}

/**
 * At start, compares the database with the head file written before the stop. Cheap (two
 * reads, not the whole chain), so that a log cut or rewritten while the server was stopped is
 * recorded before the first new event overwrites the evidence. Also decides the anchor:
 * from the head file, or, for a log that was never keyed, the next event to be written.
 */
export function checkAtStart(options: {
  readonly log: EventLog;
  readonly stored: HeadRecord | 'missing' | 'altered';
  /** Whether the key file was created by this start. */
  readonly keyCreated: boolean;
  readonly now: number;
}): StartState {
  const { log, stored, keyCreated, now } = options;
  const tail: LogHead = log.head();
  const finding = (problem: AuditProblem, seq: number, reason: string): Finding => ({
    at: now,
    problem,
    seq,
    reason,
  });
  if (stored !== 'missing' && stored !== 'altered' && !keyCreated) {
    const row = stored.seq === 0 ? null : log.at(stored.seq);
    if (stored.seq > tail.seq)
      return {
        anchorSeq: stored.anchorSeq,
        findings: [
          finding(
            AuditProblem.Truncated,
            tail.seq,
            `at start the log ended at event ${tail.seq}, but event ${stored.seq} had been published before the stop: events were deleted while the server was stopped`,
          ),
        ],
      };
    if (row && row.hash !== stored.hash)
      return {
        anchorSeq: stored.anchorSeq,
        findings: [
          finding(
            AuditProblem.HeadMismatch,
            stored.seq,
            `at start event ${stored.seq} differed from the head published before the stop: the log was rewritten while the server was stopped`,
          ),
        ],
      };
    return { anchorSeq: stored.anchorSeq, findings: [] };
  }
  const firstKeyed = log.firstKeyedSeq();
  const findings: Finding[] = [];
  if (keyCreated) {
    // A new key: nothing outside the database knew this log. Rows keyed under a lost key stay
    // unchecked, and say so; a log that was never keyed is simply anchored (an upgrade).
    if (firstKeyed !== null)
      findings.push(
        finding(
          AuditProblem.Recorded,
          tail.seq,
          `the audit key file was missing at start: the MACs of events ${firstKeyed} to ${tail.seq} cannot be checked, and the log is anchored again at event ${tail.seq + 1}`,
        ),
      );
    else if (stored !== 'missing')
      findings.push(
        finding(AuditProblem.Recorded, tail.seq, 'at start a head file was found without its audit key'),
      );
    return { anchorSeq: tail.seq + 1, findings };
  }
  if (stored === 'altered')
    findings.push(
      finding(
        AuditProblem.Recorded,
        tail.seq,
        'at start the head file did not match its MAC: it was altered, and events deleted from the end of the log before this start cannot be ruled out',
      ),
    );
  else if (firstKeyed !== null)
    findings.push(
      finding(
        AuditProblem.Recorded,
        tail.seq,
        'at start the head file was missing: events deleted from the end of the log before this start cannot be ruled out',
      ),
    );
  // Key but no head and no keyed event: the first start stopped before its first head was written.
  return { anchorSeq: firstKeyed ?? tail.seq + 1, findings };
}
