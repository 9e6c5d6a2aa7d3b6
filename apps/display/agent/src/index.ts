export {
  startDisplayAgent,
  DISPLAY_AGENT_VERSION,
  type DisplayAgent,
  type DisplayAgentOptions,
  type PairedDevice,
} from './agent';
export {
  loadDisplayConfig,
  parseDisplayConfig,
  DisplayAgentConfig,
  DisplayConfigError,
  BoardsConfig,
  KeypadsConfig,
  type DisplayAgentConfigInput,
} from './config';
export { PairingError, BadDisplayRequestError, displayErrorBody } from './errors';
export { SIGNS, type BoardView, type CounterBoardState } from './board-rules';
export type { KeypadSource } from './keypad-binding';
export type { KeypadPress } from './keypad-desk';
export type { OpenBoardLine } from './board-sync';
export type { DisplayAgentStatus, DisplayEvent, DisplayHandlers, ScreenSetup } from '@novbe/protocol';
