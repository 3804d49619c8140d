import {
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
  type Operation,
} from '@wa/core';
import type { ErrorStatus } from './schemas.js';

export interface OperationRoute {
  method: 'GET' | 'POST';
  url: string;
  operation: Operation;
  /** Where the operation's input comes from. */
  input: 'body' | 'query' | 'none';
  /** Error statuses this route can answer with, documented in OpenAPI. */
  errors: ErrorStatus[];
  /** Waits for events: ends early when the client hangs up. */
  longPoll?: boolean;
  /** Carries a file: the body may be as large as the media limit, as JSON (base64) or multipart/form-data. */
  upload?: boolean;
  /** Polled often and usually answers what it answered last time: the last JSON text is sent again while the result is equal. */
  repeatsItself?: boolean;
}

const SESSION_ERRORS: ErrorStatus[] = [400, 502, 503, 504];

/** Rich messaging: numbers, locations, reactions, edits, deletes, forwards, read marks, presence, contacts, groups. */
const RICH_MESSAGING_ROUTES: readonly OperationRoute[] = [
  { method: 'GET', url: '/api/numbers/check', operation: checkNumberOperation, input: 'query', errors: SESSION_ERRORS },
  { method: 'POST', url: '/api/send-location', operation: sendLocationOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'POST', url: '/api/messages/react', operation: reactOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'POST', url: '/api/messages/edit', operation: editMessageOperation, input: 'body', errors: [...SESSION_ERRORS, 404, 409] },
  { method: 'POST', url: '/api/messages/delete', operation: deleteMessageOperation, input: 'body', errors: [...SESSION_ERRORS, 404, 409] },
  { method: 'POST', url: '/api/messages/forward', operation: forwardMessageOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'POST', url: '/api/chats/read', operation: markReadOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'POST', url: '/api/chats/presence', operation: sendPresenceOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'GET', url: '/api/contacts', operation: searchContactsOperation, input: 'query', errors: SESSION_ERRORS },
  { method: 'GET', url: '/api/contacts/get', operation: getContactOperation, input: 'query', errors: [...SESSION_ERRORS, 404] },
  { method: 'GET', url: '/api/groups', operation: listGroupsOperation, input: 'query', errors: SESSION_ERRORS },
  { method: 'GET', url: '/api/groups/info', operation: getGroupOperation, input: 'query', errors: [...SESSION_ERRORS, 404] },
];

/** The old service's routes, each bound to one catalog operation. Paths are the wire contract. */
export const OPERATION_ROUTES: readonly OperationRoute[] = [
  { method: 'GET', url: '/api/status', operation: statusOperation, input: 'none', errors: [], repeatsItself: true },
  { method: 'POST', url: '/api/auth/start', operation: startAuthOperation, input: 'none', errors: [502, 503, 504] },
  { method: 'POST', url: '/api/pairing-code', operation: pairingCodeOperation, input: 'body', errors: SESSION_ERRORS },
  { method: 'POST', url: '/api/send', operation: sendMessageOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'GET', url: '/api/chats', operation: listChatsOperation, input: 'query', errors: SESSION_ERRORS },
  { method: 'GET', url: '/api/messages', operation: readMessagesOperation, input: 'query', errors: [...SESSION_ERRORS, 404] },
  { method: 'POST', url: '/api/messages', operation: readMessagesOperation, input: 'body', errors: [...SESSION_ERRORS, 404] },
  { method: 'POST', url: '/api/logout', operation: logoutOperation, input: 'none', errors: [502, 504] },
  { method: 'GET', url: '/api/updates', operation: getUpdatesOperation, input: 'query', errors: [400], longPoll: true },
  { method: 'POST', url: '/api/wait-for-reply', operation: waitForReplyOperation, input: 'body', errors: [400], longPoll: true },
  { method: 'GET', url: '/api/search', operation: searchMessagesOperation, input: 'query', errors: [400, 404] },
  { method: 'GET', url: '/api/messages/context', operation: messageContextOperation, input: 'query', errors: [400, 404] },
  { method: 'POST', url: '/api/chats/sync', operation: syncChatOperation, input: 'body', errors: SESSION_ERRORS },
  { method: 'GET', url: '/api/chats/export', operation: exportChatOperation, input: 'query', errors: [400, 404] },
  ...RICH_MESSAGING_ROUTES,
  { method: 'POST', url: '/api/send-media', operation: sendMediaOperation, input: 'body', errors: [...SESSION_ERRORS, 404, 413], upload: true },
  { method: 'POST', url: '/api/media/download', operation: downloadMediaOperation, input: 'body', errors: [...SESSION_ERRORS, 404, 413] },
  { method: 'GET', url: '/api/media/list', operation: listMediaOperation, input: 'query', errors: [...SESSION_ERRORS, 404] },
];
