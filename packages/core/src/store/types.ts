import type { Chat, Message } from '../driver/index.js';

/** A message as the store keeps it: the chat it belongs to, and what happened to it later. */
export interface StoredMessage extends Message {
  chatId: string;
  /** Set once the message was edited; `body` is then the latest text. */
  editedAt: number | null;
  /** Set once the message was deleted for everyone; the body is kept as it was. */
  revokedAt: number | null;
}

export type MessageDirection = 'in' | 'out';

export interface SearchQuery {
  /**
   * Full-text query: words (all must match, diacritics and case folded), "quoted phrases",
   * and prefix* terms. Anything else in the text is treated as plain words, never as syntax.
   */
  text: string;
  chatId?: string | undefined;
  /** Sender id (`author` in groups, `from` otherwise). */
  sender?: string | undefined;
  direction?: MessageDirection | undefined;
  /** Unix seconds, inclusive. */
  since?: number | undefined;
  until?: number | undefined;
  type?: string | undefined;
  limit: number;
  /** Opaque cursor from an earlier page. */
  cursor?: string | undefined;
}

export interface SearchHit {
  message: StoredMessage;
  /** The matching passage with matches wrapped in `[` and `]`. */
  snippet: string;
  /** Lower is better (SQLite FTS5 bm25). */
  rank: number;
}

export interface SearchPage {
  hits: SearchHit[];
  nextCursor: string | null;
}

export interface MessageContext {
  target: StoredMessage;
  /** Oldest first. */
  before: StoredMessage[];
  /** Oldest first. */
  after: StoredMessage[];
}

/**
 * The message store port: what a durable history must offer. Implemented by @wa/store (SQLite with
 * FTS5). Core code depends only on this interface, as it depends on the driver port.
 */
export interface MessageStore {
  /** Inserts or updates messages by id; returns how many were new. Idempotent. */
  upsertMessages(messages: ReadonlyArray<Message & { chatId: string }>): Promise<number>;
  upsertChats(chats: readonly Chat[]): Promise<void>;
  markEdited(messageId: string, body: string, at: number): Promise<void>;
  markRevoked(messageId: string, at: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
  /** N messages around one message of the same chat, or null when the message is unknown. */
  context(messageId: string, before: number, after: number): Promise<MessageContext | null>;
  /** Newest stored message timestamp of a chat (unix seconds), or null when none. */
  latestTimestamp(chatId: string): Promise<number | null>;
  /** The last `limit` messages of a chat before `beforeTimestamp` (exclusive), oldest first. */
  readMessages(chatId: string, limit: number, beforeTimestamp?: number): Promise<StoredMessage[]>;
  /** Chats, most recent activity first. */
  listChats(limit: number): Promise<Chat[]>;
  getChat(chatId: string): Promise<Chat | null>;
  /** Every stored message of one chat, oldest first. */
  exportChat(chatId: string): Promise<{ chat: Chat | null; messages: StoredMessage[] }>;
  /** Deletes messages older than the cutoff (unix seconds); returns how many. */
  prune(olderThan: number): Promise<number>;
  close(): Promise<void>;
}
