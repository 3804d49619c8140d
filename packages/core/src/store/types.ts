import type { Chat, Contact, Message } from '../driver/index.js';

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
 *
 * Messages are stored with every detail of `Message` (quoted id, mentions, media metadata,
 * location) and read back in the same shape the driver gives: `quotedMessageId`, `mentions`,
 * `media` and `location` are always present (null or empty when the message has none).
 */
export interface MessageStore {
  /**
   * Inserts or updates messages by id; returns how many were new. Idempotent. A message older
   * than the retention cutoff of the last `prune` is skipped. A report that lacks a detail (no
   * body, no media metadata) never erases what is stored.
   */
  upsertMessages(messages: ReadonlyArray<Message & { chatId: string }>): Promise<number>;
  /** Records chats as the driver lists them (name, flags, unread count, last activity). */
  upsertChats(chats: readonly Chat[]): Promise<void>;
  /** Sets a chat's unread counter (creating a placeholder chat when it is unknown). */
  setUnreadCount(chatId: string, unreadCount: number): Promise<void>;
  markEdited(messageId: string, body: string, at: number): Promise<void>;
  markRevoked(messageId: string, at: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchPage>;
  /** N messages around one message of the same chat, or null when the message is unknown. */
  context(messageId: string, before: number, after: number): Promise<MessageContext | null>;
  /**
   * The ids among these messages that `upsertMessages` would add: not stored, and not older
   * than the retention cutoff. Decides by id, so messages of one second are told apart.
   */
  newMessageIds(messages: ReadonlyArray<Pick<Message, 'id' | 'timestamp'>>): Promise<Set<string>>;
  /**
   * Newest timestamp among the messages ever stored for a chat (unix seconds), or null when
   * none ever was. Pruning does not lower it.
   */
  latestTimestamp(chatId: string): Promise<number | null>;
  /** `latestTimestamp` of every chat that ever had a stored message, by chat id. */
  latestTimestamps(): Promise<Map<string, number>>;
  /** The last `limit` messages of a chat before `beforeTimestamp` (exclusive), oldest first. */
  readMessages(chatId: string, limit: number, beforeTimestamp?: number): Promise<StoredMessage[]>;
  /**
   * Chats, most recent activity first: the driver's last report, kept current by stored
   * messages (activity, last message) and unread counts. A chat known only from its messages is
   * named after its contact, or its number, until the driver lists it.
   */
  listChats(limit: number): Promise<Chat[]>;
  getChat(chatId: string): Promise<Chat | null>;
  /** Every stored message of one chat, oldest first. */
  exportChat(chatId: string): Promise<{ chat: Chat | null; messages: StoredMessage[] }>;
  /** Inserts or replaces contacts by id, as the driver reports them. */
  upsertContacts(contacts: readonly Contact[]): Promise<void>;
  /**
   * Contacts whose name, pushname or number contain every word of the query, case and
   * diacritics ignored ("jose" finds "José"); a query of digits and phone punctuation
   * ("+1 (555) 010-0001") matches the number's digits. Best first: a name or pushname that starts
   * with the first word, then a word that starts with it, then the rest; the account's own
   * contacts before others; then by name. A blank query lists every contact by that order.
   */
  searchContacts(query: string, limit: number): Promise<Contact[]>;
  getContact(contactId: string): Promise<Contact | null>;
  /**
   * Deletes messages older than the cutoff (unix seconds) and returns how many. From then on
   * this store refuses messages older than the cutoff, so a backfill cannot bring them back.
   */
  prune(olderThan: number): Promise<number>;
  close(): Promise<void>;
}
