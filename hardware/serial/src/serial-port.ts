import type { AutoDetectTypes } from '@serialport/bindings-cpp';
import { type OpenOptions, SerialPortStream } from '@serialport/stream';

import { serialBinding } from './hangup-aware-binding';

/** A port opened by `openSerialPort`: serialport's stream over this platform's binding. */
export type SerialPort = SerialPortStream<AutoDetectTypes>;

/** What `openSerialPort` takes: serialport's open options (path, baudRate, parity, rtscts, …), binding aside. */
export type SerialPortOptions = Omit<OpenOptions<AutoDetectTypes>, 'binding' | 'autoOpen'>;

/**
 * Opens a serial port on `serialBinding()`, so a device that goes away closes the port (a `close` event
 * with an error whose `disconnected` is true) instead of spinning a core. Rejects with serialport's error
 * when the port cannot be opened.
 */
export async function openSerialPort(options: SerialPortOptions): Promise<SerialPort> {
  const port = new SerialPortStream<AutoDetectTypes>({
    ...options,
    binding: serialBinding(),
    autoOpen: false,
  } as OpenOptions<AutoDetectTypes>);
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return port;
}
