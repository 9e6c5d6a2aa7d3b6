export * from './agent-server';
