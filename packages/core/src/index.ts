export { LOCK_FILE, acquireAuthDirLock } from './auth-dir/index.js';
export type { AuthDirLock } from './auth-dir/index.js';
export { CONFIG_DEFAULTS, isLoopback, loadConfig } from './config/index.js';
export type { DriverName, GatewayConfig, LoadConfigOptions, LogLevel } from './config/index.js';
export type {
  Account,
  Chat,
  ChatPresence,
  Contact,
  DriverEvents,
  DriverFactory,
  GeoLocation,
  GroupInfo,
  GroupParticipant,
  MediaFile,
  MediaInfo,
  Message,
  SendMediaOptions,
  SendOptions,
  StartOptions,
  WhatsAppDriver,
} from './driver/index.js';
export { createDriverFactory } from './drivers/index.js';
export {
  SANDBOX_ACCOUNT,
  SANDBOX_CONTACTS,
  SANDBOX_UNREGISTERED_SUFFIX,
  SandboxDriver,
  SandboxWorld,
  createSandboxDriverFactory,
  isOnSandboxWhatsApp,
} from './drivers/sandbox/index.js';
export type { SandboxDriverFactory } from './drivers/sandbox/index.js';
export { ConfigError, ERROR_CODES, GatewayError, describeError, isGatewayError } from './errors.js';
export type { ErrorCode, ErrorKind } from './errors.js';
export { ACK_NAMES, EVENT_TYPES, EventLog, TypedEmitter, matches, recordSessionEvents } from './events/index.js';
export type { EventFilter, EventPage, EventType, GatewayEvent } from './events/index.js';
export {
  OPERATIONS,
  PAIRING_INSTRUCTIONS,
  StatusSchema,
  ChatSummarySchema,
  MessageSummarySchema,
  EventSchema,
  defineOperation,
  checkNumberOperation,
  sendLocationOperation,
  reactOperation,
  editMessageOperation,
  deleteMessageOperation,
  forwardMessageOperation,
  markReadOperation,
  sendPresenceOperation,
  searchContactsOperation,
  getContactOperation,
  listGroupsOperation,
  getGroupOperation,
  downloadMediaOperation,
  downloadMessageMedia,
  listMediaOperation,
  sendMediaOperation,
  exportChatOperation,
  messageContextOperation,
  searchMessagesOperation,
  syncChatOperation,
  getUpdatesOperation,
  parseEventTypes,
  waitForReplyOperation,
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
export type { ChatSummary, DownloadedMedia, MessageSummary, Operation, OperationContext, OperationHints, Status } from './operations/index.js';
export { SESSION_STATES, Session, backoffDelay } from './session/index.js';
export { DEFAULT_HISTORY_OPTIONS, History } from './store/index.js';
export type { HistoryOptions, MessageContext, MessageDirection, MessageStore, SearchHit, SearchPage, SearchQuery, StoredMessage } from './store/index.js';
export type { PairingCodeOutcome, SessionEvents, SessionSnapshot, SessionState, StateChange } from './session/index.js';
export { normalizeChatId, normalizePhoneNumber } from './util/phone-number.js';
export { sameJson } from './util/same-json.js';
export { loadMediaInput, mediaTooLarge } from './media/index.js';
export type { FetchMediaOptions, FetchedMedia, MediaFetcher, MediaInput } from './media/index.js';
