import { parseCenter, type Center } from '@novbe/core';
import type { Db } from '@novbe/store';

/** The center configuration as last fetched, so the kiosk can start and issue while offline. */
export class ConfigCache {
  constructor(private readonly db: Db) {}

  /** The cached center, or null when none was ever fetched (or it no longer parses). */
  load(): { center: Center; fetchedAt: number } | null {
    const row = this.db.prepare("SELECT value, fetched_at FROM config_cache WHERE key = 'center'").get() as
      { value: string; fetched_at: number } | undefined;
    if (!row) return null;
    try {
      return { center: parseCenter(JSON.parse(row.value)), fetchedAt: row.fetched_at };
    } catch {
      // A cache written by another version that this one cannot read: fetch afresh.
      return null;
    }
  }

  /** Validates and stores a center from the server; returns it parsed. */
  save(raw: unknown, fetchedAt: number): Center {
    const center = parseCenter(raw);
    this.db
      .prepare(
        "INSERT INTO config_cache (key, value, fetched_at) VALUES ('center', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at",
      )
      .run(JSON.stringify(center), fetchedAt);
    return center;
  }
}
