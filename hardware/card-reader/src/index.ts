export type { IdCardRead, CardHolderSex } from './id-card-read';
export { CardRejectReason, type CardRejection, type MrzField } from './reject-reason';
export {
  CardRejectedError,
  CardReaderDisconnectedError,
  CardReaderOpenError,
  CardReadDroppedError,
  HidReportError,
} from './errors';
export { parseIdCardMrz, type ParseIdCardOptions, type CardParseResult } from './parse-id-card';
export { isValidFin } from './fin';
export { computeMrzCheckDigit } from './check-digit';
export { CardTransaction, type CardTransactionOptions } from './card-transaction';
export type { CardReaderLogger } from './logger';
export { CardReadDecoder, type CardDecoderOptions, type CardDecoderEvents } from './card-read-decoder';
export type { CardReader, CardReaderEvents } from './card-reader';
export { SerialCardReader, type SerialCardReaderOptions } from './serial-card-reader';
// The serial binding and pty pair live in @novbe/serial; re-exported so existing imports keep working.
export { HangupAwareLinuxBinding, SerialHangupError, serialBinding, PtyPairError } from '@novbe/serial';
export { HidCardReader, type HidCardReaderOptions } from './hid-card-reader';
export { HidKeyboardDecoder } from './hid-keyboard-decoder';
export { openHidDevice, type HidReportSource, type HidDeviceSelector } from './hid-device';
export { nextCard } from './next-card';
export { readCardFromBytes, type TimedCardRead } from './read-card-from-bytes';

// Emulation and test cards: used by tests, the demo center and the CLI.
export {
  generateTestCard,
  corruptCheckDigit,
  randomTestCardSpec,
  type TestCard,
  type TestCardSpec,
  type CheckDigitField,
} from './test-card';
export {
  encodeSerialRead,
  splitIntoChunks,
  type SerialFraming,
  type SerialReadOptions,
  type ChunkOptions,
} from './serial-read-encoding';
export { textToHidReports, hidReportsForCard, type HidReportOptions } from './hid-reports';
export {
  CardReaderEmulator,
  EmulatorUnpluggedError,
  emulatedCardLines,
  type CardReaderEmulatorOptions,
  type EmulatedCardOptions,
  type PresentOptions,
} from './card-reader-emulator';
export { EmulatedHidKeyboard } from './emulated-hid-keyboard';
export { openPtyPair, type PtyPair } from './socat-pty-pair';
