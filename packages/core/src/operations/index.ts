import { downloadMediaOperation } from './download-media.js';
import { exportChatOperation } from './export-chat.js';
import { listMediaOperation } from './list-media.js';
import { sendMediaOperation } from './send-media.js';
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
import { checkNumberOperation } from './check-number.js';
import { sendLocationOperation } from './send-location.js';
import { reactOperation } from './react.js';
import { editMessageOperation } from './edit-message.js';
import { deleteMessageOperation } from './delete-message.js';
import { forwardMessageOperation } from './forward-message.js';
import { markReadOperation } from './mark-read.js';
import { sendPresenceOperation } from './send-presence.js';
import { searchContactsOperation } from './search-contacts.js';
import { getContactOperation } from './get-contact.js';
import { listGroupsOperation } from './list-groups.js';
import { getGroupOperation } from './get-group.js';

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
  sendMediaOperation,
  downloadMediaOperation,
  listMediaOperation,
] as const satisfies readonly Operation[];

export {
  downloadMediaOperation,
  listMediaOperation,
  sendMediaOperation,
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
};
export { resolveRecipient, requireOnWhatsApp } from './chat-target.js';
export type { ChatTargetInput } from './chat-target.js';
export { defineOperation } from './operation.js';
export type { Operation, OperationContext, OperationHints } from './operation.js';
export { runOperation, validateInput } from './run-operation.js';
export { toChatSummary, toMessageSummary, toStatus } from './mappers.js';
export { PAIRING_INSTRUCTIONS } from './pairing-code.js';
export { MAX_MESSAGE_LENGTH } from './send-message.js';
export { downloadMessageMedia } from './download-media.js';
export type { DownloadedMedia } from './download-media.js';
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
