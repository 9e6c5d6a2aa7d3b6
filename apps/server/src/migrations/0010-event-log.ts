import { createEventLogTables, type Migration } from '@novbe/store';

export const migration: Migration = { version: 10, name: 'event-log', up: createEventLogTables };
