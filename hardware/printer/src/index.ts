export * from './errors';
export * from './command-set';
export * from './paper';
export * from './status';
export * from './ticket-data';
export * from './ticket-layout';
export * from './ticket-bytes';
export * from './ticket-printer';
export * from './open-printer';
export * from './fixtures';
export * from './bench';
export { type Raster, rastersEqual, blackDots, rasterCommand } from './raster';
export { rasterizeTextLine, wrapText, type RasterTextStyle, type Align } from './text-raster';
export { CODE_PAGE_FOR, printableInCodePage, type CodePage } from './code-page';
export { PrinterLink } from './links/printer-link';
export { TcpLink, type TcpLinkOptions } from './links/tcp-link';
export { SerialLink, type SerialLinkOptions } from './links/serial-link';
export { DeviceFileLink, type DeviceFileLinkOptions } from './links/device-file-link';
export {
  PrinterEmulator,
  type PrinterEmulatorOptions,
  type EmulatorPaper,
} from './emulator/printer-emulator';
export { ReceivedTicket, type PrintedBlock, type TextRun } from './emulator/received-ticket';
export { createPtyPair, PtyUnavailableError, type PtyPair } from './emulator/pty-pair';
