import { randomBytes } from 'node:crypto';
import type { Account, Chat, ChatPresence, GeoLocation, MediaFile, Message } from '../../driver/index.js';
import { SANDBOX_ACCOUNT, SandboxDirectory } from './sandbox-directory.js';
import { SandboxMediaStore } from './sandbox-media.js';
import { seedSandboxWorld } from './sandbox-seed.js';

interface SandboxChat {
  id: string;
  name: string;
  isGroup: boolean;
  archived: boolean;
  pinned: boolean;
  muted: boolean;
  unreadCount: number;
  messages: Message[];
}

export interface NewSandboxMessage {
  fromMe: boolean;
  body: string;
  /** Sender inside a group (ignored for our own messages and one-to-one chats). */
  author?: string | null;
  /** WhatsApp's message type; `chat` (text) unless told. */
  type?: string;
  quotedMessageId?: string | null;
  mentions?: string[];
  /** Bytes to keep for download; the message then has media. */
  media?: MediaFile | null;
  location?: GeoLocation | null;
  /** Unix seconds; now unless told. */
  timestamp?: number;
}

/**
 * The in-memory "WhatsApp" behind the sandbox driver: the account, its chats and messages, media,
 * contacts and groups, and whether this device is linked. It outlives driver instances (as
 * WhatsApp's servers and the saved profile outlive a browser), so restarts resume and logout
 * really unlinks. Reads return copies; change state only through its methods.
 */
export class SandboxWorld {
  linked = false;
  readonly account: Account = SANDBOX_ACCOUNT;
  readonly media = new SandboxMediaStore();
  readonly directory: SandboxDirectory;
  readonly #chats = new Map<string, SandboxChat>();
  readonly #reactions = new Map<string, Map<string, string>>();
  readonly #presence = new Map<string, ChatPresence>();
  readonly #clock: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#clock = options.now ?? (() => Date.now());
    this.directory = new SandboxDirectory(this.nowSeconds() - 30 * 86_400);
    seedSandboxWorld(this);
  }

  nowSeconds(): number {
    return Math.floor(this.#clock() / 1000);
  }

  newMessageId(fromMe: boolean, chatId: string): string {
    return `${fromMe}_${chatId}_3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
  }

  hasChat(chatId: string): boolean {
    return this.#chats.has(chatId);
  }

  /** Adds a message to its chat (creating a one-to-one chat on first contact). Incoming messages count as unread. */
  addMessage(chatId: string, init: NewSandboxMessage): Message {
    const chat = this.#chats.get(chatId) ?? this.#createChat(chatId);
    const me = this.account.wid;
    const id = this.newMessageId(init.fromMe, chatId);
    const media = init.media ? this.media.put(id, init.media) : null;
    const message: Message = {
      id,
      from: init.fromMe ? me : chatId,
      to: init.fromMe ? chatId : me,
      author: chat.isGroup && !init.fromMe ? (init.author ?? null) : null,
      fromMe: init.fromMe,
      type: init.type ?? 'chat',
      body: init.body,
      timestamp: init.timestamp ?? this.nowSeconds(),
      hasMedia: media !== null,
      quotedMessageId: init.quotedMessageId ?? null,
      mentions: [...(init.mentions ?? [])],
      media,
      location: init.location ? { ...init.location } : null,
    };
    chat.messages.push(message);
    if (!init.fromMe) chat.unreadCount += 1;
    return structuredClone(message);
  }

  /** A message and its chat, or null when no chat holds it. */
  findMessage(messageId: string): { chatId: string; message: Message } | null {
    const found = this.#locate(messageId);
    return found ? { chatId: found.chat.id, message: structuredClone(found.message) } : null;
  }

  /** Replaces the text of a message. */
  editMessage(messageId: string, body: string): void {
    const found = this.#locate(messageId);
    if (found) found.message.body = body;
  }

  /** Deletes for everyone: the message stays as a `revoked` placeholder without content. */
  revokeMessage(messageId: string): void {
    const found = this.#locate(messageId);
    if (!found) return;
    Object.assign(found.message, { type: 'revoked', body: '', hasMedia: false, media: null, location: null, mentions: [], quotedMessageId: null });
    this.media.delete(messageId);
    this.#reactions.delete(messageId);
  }

  /** Deletes for this account only: the message disappears from its chat. */
  removeMessage(messageId: string): void {
    const found = this.#locate(messageId);
    if (!found) return;
    found.chat.messages.splice(found.chat.messages.indexOf(found.message), 1);
    this.media.delete(messageId);
    this.#reactions.delete(messageId);
  }

  /** One reaction per sender and message; an empty reaction removes it. */
  setReaction(messageId: string, senderId: string, reaction: string): void {
    const reactions = this.#reactions.get(messageId) ?? new Map<string, string>();
    if (reaction) reactions.set(senderId, reaction);
    else reactions.delete(senderId);
    this.#reactions.set(messageId, reactions);
  }

  /** Reactions on a message by sender id. */
  reactionsOn(messageId: string): Record<string, string> {
    return Object.fromEntries(this.#reactions.get(messageId) ?? []);
  }

  setUnreadCount(chatId: string, unreadCount: number): void {
    const chat = this.#chats.get(chatId);
    if (chat) chat.unreadCount = unreadCount;
  }

  setPresence(chatId: string, presence: ChatPresence): void {
    this.#presence.set(chatId, presence);
  }

  /** The last presence this account showed in a chat, for tests. */
  presenceIn(chatId: string): ChatPresence | null {
    return this.#presence.get(chatId) ?? null;
  }

  chatIds(): string[] {
    return [...this.#chats.keys()];
  }

  /** Most recent activity first. */
  listChats(limit: number): Chat[] {
    return [...this.#chats.values()]
      .map((chat) => this.#summary(chat))
      .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0))
      .slice(0, limit);
  }

  getChat(chatId: string): Chat | null {
    const chat = this.#chats.get(chatId);
    return chat ? this.#summary(chat) : null;
  }

  /** The last `limit` messages, oldest first. */
  readMessages(chatId: string, limit: number): Message[] {
    const chat = this.#chats.get(chatId);
    return chat ? chat.messages.slice(-limit).map((m) => structuredClone(m)) : [];
  }

  #locate(messageId: string): { chat: SandboxChat; message: Message } | null {
    for (const chat of this.#chats.values()) {
      const message = chat.messages.find((m) => m.id === messageId);
      if (message) return { chat, message };
    }
    return null;
  }

  #summary(chat: SandboxChat): Chat {
    const last = chat.messages.at(-1) ?? null;
    return {
      id: chat.id,
      name: chat.name,
      isGroup: chat.isGroup,
      isReadOnly: false,
      unreadCount: chat.unreadCount,
      timestamp: last?.timestamp ?? null,
      archived: chat.archived,
      pinned: chat.pinned,
      muted: chat.muted,
      lastMessage: last ? structuredClone(last) : null,
    };
  }

  #createChat(chatId: string): SandboxChat {
    const chat: SandboxChat = {
      id: chatId,
      name: this.directory.chatName(chatId),
      isGroup: chatId.endsWith('@g.us'),
      archived: false,
      pinned: false,
      muted: false,
      unreadCount: 0,
      messages: [],
    };
    this.#chats.set(chatId, chat);
    return chat;
  }
}
