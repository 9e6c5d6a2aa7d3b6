export * from './database';
export * from './migrate';
export * from './event-log';
