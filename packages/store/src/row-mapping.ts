import type { Chat, Message, StoredMessage } from '@wa/core';
import { toDetailParams, toDetails, type DetailColumns, type DetailParams } from './message-details.js';

/** Column list of `MessageRow`, for statements that read whole messages (`m` is the alias). */
export const MESSAGE_COLUMNS = 'm.seq, m.id, m.chat_id, m."from", m."to", m.author, m.from_me, m.type, m.body, m.timestamp, m.has_media, m.edited_at, m.revoked_at, m.quoted_message_id, m.mentions, m.media, m.location';

export interface MessageRow extends DetailColumns {
  seq: number;
  id: string;
  chat_id: string;
  from: string;
  to: string;
  author: string | null;
  from_me: number;
  type: string;
  body: string;
  timestamp: number;
  has_media: number;
  edited_at: number | null;
  revoked_at: number | null;
}

export interface ChatRow {
  id: string;
  name: string | null;
  is_group: number;
  is_read_only: number;
  unread_count: number;
  timestamp: number | null;
  archived: number;
  pinned: number;
  muted: number;
  last_message: string | null;
  activity: number;
  /** The chat's contact name or pushname, for a chat the driver has not listed yet. */
  contact_name: string | null;
}

/** Named parameters of the message insert and refresh statements. */
export interface MessageParams extends DetailParams {
  id: string;
  chatId: string;
  from: string;
  to: string;
  author: string | null;
  fromMe: number;
  type: string;
  body: string;
  timestamp: number;
  hasMedia: number;
}

/**
 * The timestamp a message is stored under: a value that is not a finite number (a malformed
 * report) is stored as 0 rather than failing the whole batch it came in.
 */
export function storedTimestamp(timestamp: number): number {
  return Number.isFinite(timestamp) ? Math.trunc(timestamp) : 0;
}

export function toMessageParams(message: Message & { chatId: string }): MessageParams {
  return {
    id: message.id,
    chatId: message.chatId,
    from: message.from,
    to: message.to,
    author: message.author ?? null,
    fromMe: message.fromMe ? 1 : 0,
    type: message.type,
    body: message.body ?? '',
    timestamp: storedTimestamp(message.timestamp),
    hasMedia: message.hasMedia ? 1 : 0,
    ...toDetailParams(message),
  };
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    chatId: row.chat_id,
    from: row.from,
    to: row.to,
    author: row.author,
    fromMe: row.from_me === 1,
    type: row.type,
    body: row.body,
    timestamp: row.timestamp,
    hasMedia: row.has_media === 1,
    ...toDetails(row),
    editedAt: row.edited_at,
    revokedAt: row.revoked_at,
  };
}

/** Named parameters of the chat upsert. */
export function toChatParams(chat: Chat): Record<string, string | number | null> {
  return {
    id: chat.id,
    name: chat.name,
    isGroup: chat.isGroup ? 1 : 0,
    isReadOnly: chat.isReadOnly ? 1 : 0,
    unreadCount: Math.trunc(chat.unreadCount),
    timestamp: chat.timestamp === null ? null : Math.trunc(chat.timestamp),
    archived: chat.archived ? 1 : 0,
    pinned: chat.pinned ? 1 : 0,
    muted: chat.muted ? 1 : 0,
    lastMessage: chat.lastMessage ? JSON.stringify(chat.lastMessage) : null,
  };
}

/**
 * A chat as stored. Its timestamp is the latest activity known (the driver's report or the newest
 * stored message); its last message is the newer of the driver's report and the newest stored one.
 * A chat known only from its messages is named after its contact, or its id's user part, until the
 * driver lists it.
 */
export function toChat(row: ChatRow, newest: MessageRow | undefined): Chat {
  const reported = row.last_message === null ? null : withDetails(JSON.parse(row.last_message) as Message);
  const stored = newest ? withoutStoreFields(toStoredMessage(newest)) : null;
  const lastMessage = !reported ? stored : !stored ? reported : stored.timestamp >= reported.timestamp ? stored : reported;
  return {
    id: row.id,
    name: row.name ?? row.contact_name ?? row.id.split('@')[0] ?? row.id,
    isGroup: row.is_group === 1,
    isReadOnly: row.is_read_only === 1,
    unreadCount: row.unread_count,
    timestamp: row.activity > 0 ? row.activity : null,
    archived: row.archived === 1,
    pinned: row.pinned === 1,
    muted: row.muted === 1,
    lastMessage,
  };
}

function withoutStoreFields(message: StoredMessage): Message {
  const { chatId: _chatId, editedAt: _editedAt, revokedAt: _revokedAt, ...rest } = message;
  return rest;
}

/** A reported message with every detail field present, as stored messages are read back. */
function withDetails(message: Message): Message {
  return { ...message, quotedMessageId: message.quotedMessageId ?? null, mentions: message.mentions ?? [], media: message.media ?? null, location: message.location ?? null };
}
