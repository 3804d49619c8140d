import { randomBytes } from 'node:crypto';
import type { Account, Chat, Message } from '../../driver/index.js';

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

export const SANDBOX_ACCOUNT: Account = Object.freeze({
  wid: '15551234567@c.us',
  pushname: 'Sandbox User',
  platform: 'sandbox',
});

export const SANDBOX_CONTACTS = Object.freeze({
  alice: '15550100001@c.us',
  bob: '15550100002@c.us',
  team: '120363000000000001@g.us',
});

/**
 * The in-memory "WhatsApp" behind the sandbox driver: the account, its chats and messages, and
 * whether this device is linked. It outlives driver instances (as WhatsApp's servers and the
 * saved profile outlive a browser), so restarts resume and logout really unlinks.
 */
export class SandboxWorld {
  linked = false;
  readonly account = SANDBOX_ACCOUNT;
  readonly #chats = new Map<string, SandboxChat>();
  #clock: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#clock = options.now ?? (() => Date.now());
    this.#seed();
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

  /** Adds a message to its chat (creating a one-to-one chat on first contact) and returns it. */
  addMessage(chatId: string, init: { fromMe: boolean; body: string; author?: string | null }): Message {
    const chat = this.#chats.get(chatId) ?? this.#createChat(chatId);
    const me = this.account.wid;
    const message: Message = {
      id: this.newMessageId(init.fromMe, chatId),
      from: init.fromMe ? me : chatId,
      to: init.fromMe ? chatId : me,
      author: chat.isGroup && !init.fromMe ? (init.author ?? null) : null,
      fromMe: init.fromMe,
      type: 'chat',
      body: init.body,
      timestamp: this.nowSeconds(),
      hasMedia: false,
    };
    chat.messages.push(message);
    if (!init.fromMe) chat.unreadCount += 1;
    return message;
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
    return chat ? chat.messages.slice(-limit).map((m) => ({ ...m })) : [];
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
      lastMessage: last ? { ...last } : null,
    };
  }

  #createChat(chatId: string, name = chatId.split('@')[0] ?? chatId): SandboxChat {
    const chat: SandboxChat = {
      id: chatId,
      name,
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

  #seed(): void {
    const start = this.nowSeconds() - 3600;
    const seed = (chatId: string, name: string, lines: Array<[boolean, string, string?]>, offset: number): void => {
      const chat = this.#createChat(chatId, name);
      lines.forEach(([fromMe, body, author], index) => {
        const message = this.addMessage(chatId, { fromMe, body, author: author ?? null });
        message.timestamp = start + offset + index * 60;
      });
      chat.unreadCount = 0;
    };
    seed(SANDBOX_CONTACTS.bob, 'Bob (sandbox)', [[false, 'Are we still on for Friday?'], [true, 'Yes, 7pm.']], 0);
    seed(
      SANDBOX_CONTACTS.team,
      'Sandbox Team',
      [
        [false, 'Welcome to the sandbox group.', SANDBOX_CONTACTS.alice],
        [false, 'Messages here are in memory only.', SANDBOX_CONTACTS.bob],
      ],
      600,
    );
    seed(SANDBOX_CONTACTS.alice, 'Alice (sandbox)', [[false, 'Hi! This is the sandbox. Send me anything and I echo it back.']], 1200);
  }
}
