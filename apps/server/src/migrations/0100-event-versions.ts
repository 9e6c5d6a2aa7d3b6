import { addEventVersions, type Migration } from '@novbe/store';

/**
 * Each event carries the schema version it was written in, so the permanent log can be read
 * through upcasters after a shape changes. Rows written before are version 1.
 */
export const migration: Migration = { version: 100, name: 'event-versions', up: addEventVersions };
