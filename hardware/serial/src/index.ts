export { HangupAwareLinuxBinding, SerialHangupError, serialBinding } from './hangup-aware-binding';
export { openSerialPort, type SerialPort, type SerialPortOptions } from './serial-port';
export { createPtyPair, PtyPairError, type PtyPair, type PtyPairOptions } from './pty-pair';
