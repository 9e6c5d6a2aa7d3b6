export * from './database';
export * from './migrate';
export * from './event-chain';
export * from './event-log';
export * from './group-sync';
export * from './checkpointer';
