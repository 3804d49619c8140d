import type { Chat, Contact, Message } from '../../src/driver/index.js';
import type { MessageContext, MessageStore, SearchPage, SearchQuery, StoredMessage } from '../../src/store/index.js';

const fold = (text: string | null): string => (text ?? '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A test double of the store port for History's and the operations' own tests: plain maps,
 * substring search. It keeps the port's contract where History relies on it (ids decide what is
 * new, the newest timestamp ever stored survives a prune, prune sets a cutoff, chats follow
 * their messages). The real store (SQLite, FTS5) has its own suite in packages/store.
 */
export class MemoryMessageStore implements MessageStore {
  readonly messages = new Map<string, StoredMessage>();
  /** Chats as reported (or as placeholders); read them through `getChat` for the stored view. */
  readonly chats = new Map<string, Chat>();
  readonly contacts = new Map<string, Contact>();
  readonly #latestEver = new Map<string, number>();
  #keepFrom = Number.NEGATIVE_INFINITY;

  async upsertMessages(messages: ReadonlyArray<Message & { chatId: string }>): Promise<number> {
    let added = 0;
    for (const message of messages) {
      if (message.timestamp < this.#keepFrom) continue;
      const known = this.messages.get(message.id);
      if (!known) added += 1;
      this.messages.set(message.id, { ...withDetails(message), editedAt: known?.editedAt ?? null, revokedAt: known?.revokedAt ?? null });
      if (!this.chats.has(message.chatId)) this.chats.set(message.chatId, placeholder(message.chatId));
      this.#latestEver.set(message.chatId, Math.max(this.#latestEver.get(message.chatId) ?? 0, message.timestamp));
    }
    return added;
  }

  async upsertChats(chats: readonly Chat[]): Promise<void> {
    for (const chat of chats) this.chats.set(chat.id, chat);
  }

  async setUnreadCount(chatId: string, unreadCount: number): Promise<void> {
    this.chats.set(chatId, { ...(this.chats.get(chatId) ?? placeholder(chatId)), unreadCount });
  }

  async markEdited(messageId: string, body: string, at: number): Promise<void> {
    const message = this.messages.get(messageId);
    if (message) this.messages.set(messageId, { ...message, body, editedAt: at });
  }

  async markRevoked(messageId: string, at: number): Promise<void> {
    const message = this.messages.get(messageId);
    if (message) this.messages.set(messageId, { ...message, revokedAt: at });
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const hits = [...this.messages.values()]
      .filter((message) => message.body.toLowerCase().includes(query.text.toLowerCase()))
      .slice(0, query.limit)
      .map((message) => ({ message, snippet: message.body, rank: 0 }));
    return { hits, nextCursor: null };
  }

  async context(messageId: string, before: number, after: number): Promise<MessageContext | null> {
    const target = this.messages.get(messageId);
    if (!target) return null;
    const chat = this.#ofChat(target.chatId);
    const index = chat.findIndex((message) => message.id === messageId);
    return { target, before: chat.slice(Math.max(0, index - before), index), after: chat.slice(index + 1, index + 1 + after) };
  }

  async newMessageIds(messages: ReadonlyArray<Pick<Message, 'id' | 'timestamp'>>): Promise<Set<string>> {
    return new Set(messages.filter((message) => message.timestamp >= this.#keepFrom && !this.messages.has(message.id)).map((message) => message.id));
  }

  async latestTimestamp(chatId: string): Promise<number | null> {
    return this.#latestEver.get(chatId) ?? null;
  }

  async latestTimestamps(): Promise<Map<string, number>> {
    return new Map(this.#latestEver);
  }

  async readMessages(chatId: string, limit: number, beforeTimestamp?: number): Promise<StoredMessage[]> {
    return this.#ofChat(chatId)
      .filter((message) => beforeTimestamp === undefined || message.timestamp < beforeTimestamp)
      .slice(-limit);
  }

  async listChats(limit: number): Promise<Chat[]> {
    return [...this.chats.keys()]
      .map((id) => this.#view(id))
      .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0))
      .slice(0, limit);
  }

  async getChat(chatId: string): Promise<Chat | null> {
    return this.chats.has(chatId) ? this.#view(chatId) : null;
  }

  async exportChat(chatId: string): Promise<{ chat: Chat | null; messages: StoredMessage[] }> {
    return { chat: await this.getChat(chatId), messages: this.#ofChat(chatId) };
  }

  async upsertContacts(contacts: readonly Contact[]): Promise<void> {
    for (const contact of contacts) this.contacts.set(contact.id, contact);
  }

  async searchContacts(query: string, limit: number): Promise<Contact[]> {
    const words = fold(query).split(/\s+/u).filter(Boolean);
    return [...this.contacts.values()]
      .filter((contact) => words.every((word) => [contact.name, contact.pushname, contact.number].some((field) => fold(field).includes(word))))
      .slice(0, limit);
  }

  async getContact(contactId: string): Promise<Contact | null> {
    return this.contacts.get(contactId) ?? null;
  }

  async prune(olderThan: number): Promise<number> {
    this.#keepFrom = olderThan;
    let removed = 0;
    for (const [id, message] of this.messages) {
      if (message.timestamp < olderThan) {
        this.messages.delete(id);
        removed += 1;
      }
    }
    return removed;
  }

  async close(): Promise<void> {}

  /** The chat as reported, with the newest stored message when it is newer (as the real store does). */
  #view(chatId: string): Chat {
    const chat = this.chats.get(chatId)!;
    const newest = this.#ofChat(chatId).at(-1);
    if (!newest || (chat.lastMessage && chat.lastMessage.timestamp > newest.timestamp)) return chat;
    const { chatId: _chatId, editedAt: _editedAt, revokedAt: _revokedAt, ...lastMessage } = newest;
    return { ...chat, timestamp: Math.max(chat.timestamp ?? 0, newest.timestamp), lastMessage };
  }

  #ofChat(chatId: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.chatId === chatId).sort((a, b) => a.timestamp - b.timestamp);
  }
}

function placeholder(chatId: string): Chat {
  return { id: chatId, name: chatId.split('@')[0] ?? chatId, isGroup: chatId.endsWith('@g.us'), isReadOnly: false, unreadCount: 0, timestamp: null, archived: false, pinned: false, muted: false, lastMessage: null };
}

function withDetails<T extends Message>(message: T): T {
  return { ...message, quotedMessageId: message.quotedMessageId ?? null, mentions: message.mentions ?? [], media: message.media ?? null, location: message.location ?? null };
}
