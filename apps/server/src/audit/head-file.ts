import { createHmac } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { AuditProblem } from '@novbe/protocol';

/** The head kept outside the database, with the anchor of the keyed chain. */
export interface HeadRecord {
  /** The first event that carries a MAC; earlier ones keep their plain hash. */
  readonly anchorSeq: number;
  readonly seq: number;
  readonly hash: string;
  readonly at: number;
}

const headMac = (key: Uint8Array, h: HeadRecord) =>
  createHmac('sha256', key)
    .update(`novbe-audit-head-1\n${JSON.stringify([h.anchorSeq, h.seq, h.hash, h.at])}`)
    .digest('hex');

const text = (key: Uint8Array, h: HeadRecord) =>
  `${JSON.stringify({ anchorSeq: h.anchorSeq, seq: h.seq, hash: h.hash, at: h.at, mac: headMac(key, h) })}\n`;

/**
 * The head file: the last head this server published, and the anchor, under a MAC of the
 * audit key. 'missing' when there is none, 'altered' when it does not match its MAC.
 */
export function readHeadFile(path: string, key: Uint8Array): HeadRecord | 'missing' | 'altered' {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  try {
    const { anchorSeq, seq, hash, at, mac } = JSON.parse(raw) as HeadRecord & { mac: string };
    const h = { anchorSeq, seq, hash, at };
    return mac === headMac(key, h) ? h : 'altered';
  } catch {
    return 'altered';
  }
}

/**
 * Replaces the head file, durably: a temporary file written and synced, then renamed over the
 * old one, so a crash leaves the old head or the new one, never half of one.
 */
export function writeHeadFileSync(path: string, key: Uint8Array, h: HeadRecord): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeFileSync(fd, text(key, h));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** `writeHeadFileSync` off the event loop (libuv's pool), for the periodic updates. */
export async function writeHeadFile(path: string, key: Uint8Array, h: HeadRecord): Promise<void> {
  const tmp = `${path}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  try {
    await file.writeFile(text(key, h));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
}

/** A problem the server found at a start or while running, kept until someone looks into it. */
export interface Finding {
  readonly at: number;
  readonly problem: AuditProblem;
  readonly seq: number;
  readonly reason: string;
}

/**
 * Appends a finding to the findings file (one JSON line each), synced. The file lives beside
 * the key, outside the database, so the head file being rewritten later does not erase what
 * was found. An administrator moves the file away once the finding is dealt with.
 */
export function recordFinding(path: string, finding: Finding): void {
  appendFileSync(path, `${JSON.stringify(finding)}\n`, { mode: 0o600 });
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The findings recorded so far, oldest first (none when there is no file). */
export function readFindings(path: string): Finding[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return raw
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): Finding => {
      try {
        return JSON.parse(line) as Finding;
      } catch {
        return { at: 0, problem: 'recorded', seq: 0, reason: `an unreadable line in the findings: ${line}` };
      }
    });
}
