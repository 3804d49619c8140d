export { LOCK_FILE, acquireAuthDirLock } from './auth-dir/index.js';
export type { AuthDirLock } from './auth-dir/index.js';
export { CONFIG_DEFAULTS, isLoopback, loadConfig } from './config/index.js';
export type { DriverName, GatewayConfig, LoadConfigOptions, LogLevel } from './config/index.js';
export type { Account, Chat, DriverEvents, DriverFactory, Message, StartOptions, WhatsAppDriver } from './driver/index.js';
export { createDriverFactory } from './drivers/index.js';
export { SANDBOX_ACCOUNT, SANDBOX_CONTACTS, SandboxDriver, SandboxWorld, createSandboxDriverFactory } from './drivers/sandbox/index.js';
export type { SandboxDriverFactory } from './drivers/sandbox/index.js';
export { ConfigError, ERROR_CODES, GatewayError, describeError, isGatewayError } from './errors.js';
export type { ErrorCode, ErrorKind } from './errors.js';
export { TypedEmitter } from './events/typed-emitter.js';
export {
  OPERATIONS,
  PAIRING_INSTRUCTIONS,
  StatusSchema,
  ChatSummarySchema,
  MessageSummarySchema,
  defineOperation,
  listChatsOperation,
  logoutOperation,
  pairingCodeOperation,
  readMessagesOperation,
  runOperation,
  sendMessageOperation,
  startAuthOperation,
  statusOperation,
  toStatus,
  validateInput,
} from './operations/index.js';
export type { ChatSummary, MessageSummary, Operation, OperationContext, OperationHints, Status } from './operations/index.js';
export { SESSION_STATES, Session } from './session/index.js';
export type { PairingCodeOutcome, SessionEvents, SessionSnapshot, SessionState, StateChange } from './session/index.js';
export { normalizeChatId, normalizePhoneNumber } from './util/phone-number.js';
