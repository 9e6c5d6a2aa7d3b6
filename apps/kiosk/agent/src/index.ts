export { startKioskAgent, KIOSK_AGENT_VERSION, type KioskAgent, type KioskAgentOptions } from './agent';
export {
  KioskAgentConfig,
  CardReaderConfig,
  KioskConfigError,
  loadKioskConfig,
  parseKioskConfig,
  type KioskAgentConfigInput,
} from './config';
export {
  kioskErrorBody,
  KioskOutOfServiceError,
  UnknownServiceError,
  ScanNotFoundError,
  CardReaderAbsentError,
  PairingError,
  BadKioskRequestError,
} from './errors';
export type { KioskIdentity } from './identity-store';
export type { DrainResult } from './outbox-drain';
export { KIOSK_MIGRATIONS } from './migrations';
