import type { Chat, Message } from '../../src/driver/index.js';
import type { MessageContext, MessageStore, SearchPage, SearchQuery, StoredMessage } from '../../src/store/index.js';

/**
 * A test double of the store port for History's own tests: plain maps, substring search. The
 * real store (SQLite, FTS5) has its own suite in packages/store.
 */
export class MemoryMessageStore implements MessageStore {
  readonly messages = new Map<string, StoredMessage>();
  readonly chats = new Map<string, Chat>();

  async upsertMessages(messages: ReadonlyArray<Message & { chatId: string }>): Promise<number> {
    let added = 0;
    for (const message of messages) {
      if (!this.messages.has(message.id)) added += 1;
      this.messages.set(message.id, { ...message, editedAt: this.messages.get(message.id)?.editedAt ?? null, revokedAt: this.messages.get(message.id)?.revokedAt ?? null });
    }
    return added;
  }

  async upsertChats(chats: readonly Chat[]): Promise<void> {
    for (const chat of chats) this.chats.set(chat.id, chat);
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

  async latestTimestamp(chatId: string): Promise<number | null> {
    const chat = this.#ofChat(chatId);
    return chat.at(-1)?.timestamp ?? null;
  }

  async readMessages(chatId: string, limit: number, beforeTimestamp?: number): Promise<StoredMessage[]> {
    return this.#ofChat(chatId)
      .filter((message) => beforeTimestamp === undefined || message.timestamp < beforeTimestamp)
      .slice(-limit);
  }

  async listChats(limit: number): Promise<Chat[]> {
    return [...this.chats.values()].sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0)).slice(0, limit);
  }

  async getChat(chatId: string): Promise<Chat | null> {
    return this.chats.get(chatId) ?? null;
  }

  async exportChat(chatId: string): Promise<{ chat: Chat | null; messages: StoredMessage[] }> {
    return { chat: this.chats.get(chatId) ?? null, messages: this.#ofChat(chatId) };
  }

  async prune(olderThan: number): Promise<number> {
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

  #ofChat(chatId: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.chatId === chatId).sort((a, b) => a.timestamp - b.timestamp);
  }
}
