import { exportChatOperation } from './export-chat.js';
import { getUpdatesOperation } from './get-updates.js';
import { listChatsOperation } from './list-chats.js';
import { logoutOperation } from './logout.js';
import { messageContextOperation } from './message-context.js';
import type { Operation } from './operation.js';
import { pairingCodeOperation } from './pairing-code.js';
import { readMessagesOperation } from './read-messages.js';
import { searchMessagesOperation } from './search-messages.js';
import { sendMessageOperation } from './send-message.js';
import { startAuthOperation } from './start-auth.js';
import { statusOperation } from './status.js';
import { syncChatOperation } from './sync-chat.js';
import { waitForReplyOperation } from './wait-for-reply.js';

/** The catalog: every user-facing operation, in the order transports list them. */
export const OPERATIONS = [
  statusOperation,
  startAuthOperation,
  pairingCodeOperation,
  sendMessageOperation,
  listChatsOperation,
  readMessagesOperation,
  logoutOperation,
  getUpdatesOperation,
  waitForReplyOperation,
  searchMessagesOperation,
  messageContextOperation,
  syncChatOperation,
  exportChatOperation,
] as const satisfies readonly Operation[];

export {
  exportChatOperation,
  getUpdatesOperation,
  messageContextOperation,
  searchMessagesOperation,
  syncChatOperation,
  listChatsOperation,
  logoutOperation,
  pairingCodeOperation,
  readMessagesOperation,
  sendMessageOperation,
  startAuthOperation,
  statusOperation,
  waitForReplyOperation,
};
export { defineOperation } from './operation.js';
export type { Operation, OperationContext, OperationHints } from './operation.js';
export { runOperation, validateInput } from './run-operation.js';
export { toChatSummary, toMessageSummary, toStatus } from './mappers.js';
export { PAIRING_INSTRUCTIONS } from './pairing-code.js';
export { MAX_MESSAGE_LENGTH } from './send-message.js';
export { parseEventTypes } from './get-updates.js';
export {
  AccountSchema,
  EventSchema,
  ChatSummarySchema,
  MessageSummarySchema,
  SessionStateSchema,
  StatusSchema,
} from './schemas.js';
export type { ChatSummary, MessageSummary, Status } from './schemas.js';
