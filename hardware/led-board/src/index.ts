export * from './errors';
export * from './crc16-modbus';
export * from './register-map';
export * from './board-protocol';
export * from './modbus-rtu-protocol';
export * from './led-board-bus';
export * from './led-board-emulator';
export * from './pty-pair';
