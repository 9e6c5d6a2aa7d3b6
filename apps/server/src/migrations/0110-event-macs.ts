import { addEventMacs, type Migration } from '@novbe/store';

/**
 * Each event carries a keyed MAC under the audit key, which lives outside the database; rows
 * written before keep a null MAC and their plain hash (the audit trail's anchor says where the
 * keyed chain begins).
 */
export const migration: Migration = { version: 110, name: 'event-macs', up: addEventMacs };
