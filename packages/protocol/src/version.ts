/**
 * The wire protocol's version. A client sends it in the `x-novbe-protocol` header (HTTP) or
 * its `hello` (WebSocket); the server answers `client-too-old` / `client-too-new` when it
 * cannot speak that version, so an old kiosk meets a new server with a clear message.
 */
export const PROTOCOL_VERSION = 1;
/** The oldest client version this build still serves. */
export const MIN_PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-novbe-protocol';
