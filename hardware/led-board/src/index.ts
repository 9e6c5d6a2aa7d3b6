export * from './errors';
export * from './crc16-modbus';
export * from './register-map';
export * from './board-protocol';
export * from './modbus-rtu-protocol';
export * from './led-board-bus';
export * from './led-board-emulator';
// The socat pty pair lives in @novbe/serial; re-exported for the bench and other existing callers.
export { createPtyPair, PtyPairError, type PtyPair } from '@novbe/serial';
