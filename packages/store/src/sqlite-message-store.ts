import type { Chat, Contact, Message, MessageContext, MessageStore, SearchPage, SearchQuery, StoredMessage } from '@wa/core';
import type { Database, Statement } from 'better-sqlite3';
import { ContactBook } from './contact-book.js';
import { SEQ_PER_SECOND, seqSecond } from './message-seq.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open-database.js';
import { MESSAGE_COLUMNS, storedTimestamp, toChat, toChatParams, toMessageParams, toStoredMessage, type ChatRow, type MessageParams, type MessageRow } from './row-mapping.js';
import { MessageSearch } from './search.js';

export interface SqliteMessageStoreOptions {
  /** How long a write waits for another connection's lock before failing, in ms (5000). */
  busyTimeoutMs?: number;
  /** Rows deleted per transaction by `prune`, so a large prune never holds the lock for long. */
  pruneBatchSize?: number;
  /** Search matches ranked together (see `DEFAULT_RANK_WINDOW`); smaller in tests. */
  rankWindow?: number;
}

const CHAT_COLUMNS = `c.id, c.name, c.is_group, c.is_read_only, c.unread_count, c.timestamp, c.archived, c.pinned, c.muted, c.last_message, c.activity,
  (SELECT coalesce(k.name, k.pushname) FROM contacts AS k WHERE k.id = c.id) AS contact_name`;

/**
 * The message store on one SQLite file (see `docs/store-benchmark.md` for its measured speed).
 * better-sqlite3 is synchronous: every method does its work before its promise settles, on the
 * caller's thread, each write in one transaction. Open it once per process and `close` it at
 * shutdown; a second process may read the same file (WAL) but should not write to it.
 */
export class SqliteMessageStore implements MessageStore {
  readonly path: string;
  readonly #db: Database;
  readonly #search: MessageSearch;
  readonly #contacts: ContactBook;
  readonly #pruneBatchSize: number;
  readonly #sql: ReturnType<typeof prepare>;
  readonly #upsert: (messages: ReadonlyArray<Message & { chatId: string }>) => number;
  readonly #upsertChats: (chats: readonly Chat[]) => void;
  /**
   * Messages older than this (unix seconds) are refused: the cutoff of the last prune. Kept in
   * memory, not in the file: the gateway prunes as it opens the store (before any backfill), and
   * an operator who turns retention off or lengthens it gets older messages back on re-sync.
   */
  #keepFrom = Number.NEGATIVE_INFINITY;

  /** Opens the file (creating it owner-only when missing) and brings its schema up to date. */
  constructor(path: string, options: SqliteMessageStoreOptions = {}) {
    this.path = path;
    this.#db = openDatabase(path, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
    try {
      migrate(this.#db);
      this.#sql = prepare(this.#db);
      this.#search = new MessageSearch(this.#db, options.rankWindow);
      this.#contacts = new ContactBook(this.#db);
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#pruneBatchSize = options.pruneBatchSize ?? 5000;
    this.#upsert = this.#db.transaction((messages) => this.#writeMessages(messages));
    this.#upsertChats = this.#db.transaction((chats) => {
      for (const chat of chats) this.#sql.upsertChat.run(toChatParams(chat));
    });
  }

  async upsertMessages(messages: ReadonlyArray<Message & { chatId: string }>): Promise<number> {
    return messages.length === 0 ? 0 : this.#upsert(messages);
  }

  async upsertChats(chats: readonly Chat[]): Promise<void> {
    if (chats.length > 0) this.#upsertChats(chats);
  }

  async setUnreadCount(chatId: string, unreadCount: number): Promise<void> {
    this.#sql.setUnread.run({ id: chatId, isGroup: isGroupId(chatId), unreadCount: Math.max(0, Math.trunc(unreadCount) || 0) });
  }

  async markEdited(messageId: string, body: string, at: number): Promise<void> {
    this.#sql.markEdited.run({ id: messageId, body, at: Math.trunc(at) });
  }

  async markRevoked(messageId: string, at: number): Promise<void> {
    this.#sql.markRevoked.run({ id: messageId, at: Math.trunc(at) });
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    return this.#search.search(query);
  }

  async context(messageId: string, before: number, after: number): Promise<MessageContext | null> {
    const target = this.#sql.messageById.get(messageId);
    if (!target) return null;
    const around = { chatId: target.chat_id, timestamp: target.timestamp, seq: target.seq };
    const older = before > 0 ? this.#sql.olderThan.all({ ...around, limit: Math.trunc(before) }) : [];
    const newer = after > 0 ? this.#sql.newerThan.all({ ...around, limit: Math.trunc(after) }) : [];
    return { target: toStoredMessage(target), before: older.reverse().map(toStoredMessage), after: newer.map(toStoredMessage) };
  }

  async newMessageIds(messages: ReadonlyArray<Pick<Message, 'id' | 'timestamp'>>): Promise<Set<string>> {
    const fresh = new Set<string>();
    for (const { id, timestamp } of messages) {
      if (storedTimestamp(timestamp) >= this.#keepFrom && !this.#sql.hasMessage.get(id)) fresh.add(id);
    }
    return fresh;
  }

  async latestTimestamp(chatId: string): Promise<number | null> {
    return this.#sql.latestTimestamp.get(chatId)?.timestamp ?? null;
  }

  async latestTimestamps(): Promise<Map<string, number>> {
    return new Map(this.#sql.latestTimestamps.all().map((row) => [row.id, row.timestamp]));
  }

  async readMessages(chatId: string, limit: number, beforeTimestamp?: number): Promise<StoredMessage[]> {
    if (limit <= 0) return [];
    const rows = this.#sql.lastMessages.all({ chatId, limit: Math.trunc(limit), before: beforeTimestamp ?? Number.MAX_SAFE_INTEGER });
    return rows.reverse().map(toStoredMessage);
  }

  async listChats(limit: number): Promise<Chat[]> {
    if (limit <= 0) return [];
    return this.#sql.listChats.all(Math.trunc(limit)).map((row) => this.#chat(row));
  }

  async getChat(chatId: string): Promise<Chat | null> {
    const row = this.#sql.chatById.get(chatId);
    return row ? this.#chat(row) : null;
  }

  async exportChat(chatId: string): Promise<{ chat: Chat | null; messages: StoredMessage[] }> {
    const read = this.#db.transaction(() => ({
      chat: this.#sql.chatById.get(chatId),
      messages: this.#sql.chatMessages.all(chatId),
    }));
    const { chat, messages } = read();
    return { chat: chat ? this.#chat(chat) : null, messages: messages.map(toStoredMessage) };
  }

  async upsertContacts(contacts: readonly Contact[]): Promise<void> {
    this.#contacts.upsert(contacts);
  }

  async searchContacts(query: string, limit: number): Promise<Contact[]> {
    return this.#contacts.search(query, limit);
  }

  async getContact(contactId: string): Promise<Contact | null> {
    return this.#contacts.get(contactId);
  }

  async prune(olderThan: number): Promise<number> {
    const before = Math.trunc(olderThan);
    // Set first: a backfill running between two batches must not write back what goes.
    this.#keepFrom = before;
    let deleted = 0;
    for (;;) {
      const { changes } = this.#sql.pruneBatch.run({ before, limit: this.#pruneBatchSize });
      deleted += changes;
      if (changes < this.#pruneBatchSize) return deleted;
    }
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    // Lets SQLite refresh the statistics its planner uses, cheaply, as its documentation advises.
    this.#db.pragma('optimize');
    this.#db.close();
  }

  #writeMessages(messages: ReadonlyArray<Message & { chatId: string }>): number {
    const newestByChat = new Map<string, number>();
    let added = 0;
    for (const message of messages) {
      const params = toMessageParams(message);
      if (params.timestamp < this.#keepFrom) continue;
      const newest = newestByChat.get(params.chatId);
      if (newest === undefined) this.#sql.ensureChat.run({ id: params.chatId, isGroup: isGroupId(params.chatId) });
      if (newest === undefined || params.timestamp > newest) newestByChat.set(params.chatId, params.timestamp);
      if (this.#sql.insertMessage.run({ ...params, base: seqSecond(params.timestamp) * SEQ_PER_SECOND }).changes === 1) added += 1;
      else this.#sql.refreshMessage.run(params);
    }
    for (const [id, timestamp] of newestByChat) this.#sql.touchChat.run({ id, timestamp });
    return added;
  }

  #chat(row: ChatRow): Chat {
    return toChat(row, this.#sql.newestInChat.get(row.id));
  }
}

function prepare(db: Database) {
  const message = <P extends unknown[] | object>(sql: string): Statement<P, MessageRow> => db.prepare(sql);
  const chat = <P extends unknown[] | object>(sql: string): Statement<P, ChatRow> => db.prepare(sql);
  return {
    // The seq: the message's second (see message-seq.ts), then the next free one within it.
    insertMessage: db.prepare<[MessageParams & { base: number }]>(
      `INSERT INTO messages (seq, id, chat_id, "from", "to", author, from_me, type, body, timestamp, has_media, quoted_message_id, mentions, media, location)
       VALUES (coalesce((SELECT max(seq) + 1 FROM messages WHERE seq BETWEEN @base AND @base + ${SEQ_PER_SECOND - 1}), @base),
               @id, @chatId, @from, @to, @author, @fromMe, @type, @body, @timestamp, @hasMedia, @quotedMessageId, @mentions, @media, @location)
       ON CONFLICT (id) DO NOTHING`,
    ),
    // A message reported again (backfill, a re-sync) refreshes what it says, except that a report
    // with an empty body never erases stored text: WhatsApp Web shows a revoked message, or one
    // whose media is not loaded, with no body, and the store keeps what was said; details (quote,
    // mentions, media metadata, location) likewise. The timestamp never changes: the seq is filed
    // under it.
    refreshMessage: db.prepare<[MessageParams]>(
      `UPDATE messages SET
         "from" = @from, "to" = @to, author = @author, from_me = @fromMe, has_media = @hasMedia,
         quoted_message_id = coalesce(@quotedMessageId, quoted_message_id), mentions = coalesce(@mentions, mentions),
         media = coalesce(@media, media), location = coalesce(@location, location),
         type = CASE WHEN @body = '' AND body <> '' THEN type ELSE @type END,
         body = CASE WHEN @body = '' OR revoked_at IS NOT NULL THEN body ELSE @body END
       WHERE id = @id`,
    ),
    ensureChat: db.prepare<[{ id: string; isGroup: number }]>('INSERT INTO chats (id, is_group) VALUES (@id, @isGroup) ON CONFLICT (id) DO NOTHING'),
    setUnread: db.prepare<[{ id: string; isGroup: number; unreadCount: number }]>(
      `INSERT INTO chats (id, is_group, unread_count) VALUES (@id, @isGroup, @unreadCount)
       ON CONFLICT (id) DO UPDATE SET unread_count = excluded.unread_count`,
    ),
    touchChat: db.prepare<[{ id: string; timestamp: number }]>(
      'UPDATE chats SET last_message_at = @timestamp WHERE id = @id AND (last_message_at IS NULL OR last_message_at < @timestamp)',
    ),
    upsertChat: db.prepare<[Record<string, string | number | null>]>(
      `INSERT INTO chats (id, name, is_group, is_read_only, unread_count, timestamp, archived, pinned, muted, last_message)
       VALUES (@id, @name, @isGroup, @isReadOnly, @unreadCount, @timestamp, @archived, @pinned, @muted, @lastMessage)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, is_group = excluded.is_group, is_read_only = excluded.is_read_only,
         unread_count = excluded.unread_count, archived = excluded.archived, pinned = excluded.pinned, muted = excluded.muted,
         timestamp = coalesce(excluded.timestamp, chats.timestamp), last_message = coalesce(excluded.last_message, chats.last_message)`,
    ),
    markEdited: db.prepare<[{ id: string; body: string; at: number }]>('UPDATE messages SET body = @body, edited_at = @at WHERE id = @id'),
    markRevoked: db.prepare<[{ id: string; at: number }]>('UPDATE messages SET revoked_at = coalesce(revoked_at, @at) WHERE id = @id'),
    messageById: message<[string]>(`SELECT ${MESSAGE_COLUMNS} FROM messages AS m WHERE m.id = ?`),
    olderThan: message<[{ chatId: string; timestamp: number; seq: number; limit: number }]>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages AS m
        WHERE m.chat_id = @chatId AND (m.timestamp < @timestamp OR (m.timestamp = @timestamp AND m.seq < @seq))
        ORDER BY m.timestamp DESC, m.seq DESC LIMIT @limit`,
    ),
    newerThan: message<[{ chatId: string; timestamp: number; seq: number; limit: number }]>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages AS m
        WHERE m.chat_id = @chatId AND (m.timestamp > @timestamp OR (m.timestamp = @timestamp AND m.seq > @seq))
        ORDER BY m.timestamp, m.seq LIMIT @limit`,
    ),
    hasMessage: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM messages WHERE id = ?'),
    latestTimestamp: db.prepare<[string], { timestamp: number | null }>('SELECT last_message_at AS timestamp FROM chats WHERE id = ?'),
    latestTimestamps: db.prepare<[], { id: string; timestamp: number }>('SELECT id, last_message_at AS timestamp FROM chats WHERE last_message_at IS NOT NULL'),
    lastMessages: message<[{ chatId: string; limit: number; before: number }]>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages AS m
        WHERE m.chat_id = @chatId AND m.timestamp < @before
        ORDER BY m.timestamp DESC, m.seq DESC LIMIT @limit`,
    ),
    newestInChat: message<[string]>(`SELECT ${MESSAGE_COLUMNS} FROM messages AS m WHERE m.chat_id = ? ORDER BY m.timestamp DESC, m.seq DESC LIMIT 1`),
    chatMessages: message<[string]>(`SELECT ${MESSAGE_COLUMNS} FROM messages AS m WHERE m.chat_id = ? ORDER BY m.timestamp, m.seq`),
    listChats: chat<[number]>(`SELECT ${CHAT_COLUMNS} FROM chats AS c ORDER BY c.activity DESC, c.id LIMIT ?`),
    chatById: chat<[string]>(`SELECT ${CHAT_COLUMNS} FROM chats AS c WHERE c.id = ?`),
    pruneBatch: db.prepare<[{ before: number; limit: number }]>(
      'DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE timestamp < @before ORDER BY timestamp LIMIT @limit)',
    ),
  };
}

function isGroupId(chatId: string): number {
  return chatId.endsWith('@g.us') ? 1 : 0;
}
