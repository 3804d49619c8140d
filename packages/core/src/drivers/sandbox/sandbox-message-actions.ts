import type { Chat, ChatPresence, MediaFile, Message } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import type { SandboxContext } from './sandbox-context.js';

/** What this account does to existing messages and chats: read, react, edit, delete, mark read, presence. */
export class SandboxMessageActions {
  readonly #context: SandboxContext;

  constructor(context: SandboxContext) {
    this.#context = context;
  }

  getMessage(messageId: string): Message | null {
    return this.#context.world.findMessage(messageId)?.message ?? null;
  }

  downloadMedia(messageId: string): MediaFile | null {
    this.#find(messageId);
    return this.#context.world.media.get(messageId);
  }

  /** WhatsApp reports this account's own reactions through the same event as everyone else's. */
  react(messageId: string, reaction: string): void {
    const { world, emit } = this.#context;
    const { chatId, message } = this.#find(messageId);
    if (message.type === 'revoked') throw new GatewayError('not_allowed', 'This message was deleted for everyone; there is nothing to react to.');
    world.setReaction(messageId, world.account.wid, reaction);
    emit('message_reaction', { messageId, chatId, senderId: world.account.wid, reaction, timestamp: world.nowSeconds() });
  }

  editMessage(messageId: string, text: string): Message {
    const { world, emit } = this.#context;
    const { message } = this.#find(messageId);
    if (!message.fromMe || message.type !== 'chat') {
      throw new GatewayError('not_allowed', 'Only text messages this account sent can be edited.');
    }
    world.editMessage(messageId, text);
    const edited = { ...message, body: text };
    emit('message_edited', { message: structuredClone(edited), previousBody: message.body });
    return edited;
  }

  /** For everyone leaves a `revoked` placeholder in the chat; for me removes the message from this account only. */
  deleteMessage(messageId: string, forEveryone: boolean): void {
    const { world, emit } = this.#context;
    const { chatId, message } = this.#find(messageId);
    if (!forEveryone) {
      world.removeMessage(messageId);
      return;
    }
    if (!message.fromMe) throw new GatewayError('not_allowed', 'Only messages this account sent can be deleted for everyone; delete it for this account instead.');
    if (message.type === 'revoked') throw new GatewayError('not_allowed', 'This message was already deleted for everyone.');
    world.revokeMessage(messageId);
    emit('message_revoked', { messageId, chatId });
  }

  /** Reports `chat_unread` only when the counter changes, as WhatsApp does. */
  markRead(chatId: string): void {
    const { world, emit } = this.#context;
    const chat = this.#chat(chatId);
    if (chat.unreadCount === 0) return;
    world.setUnreadCount(chatId, 0);
    emit('chat_unread', { chatId, unreadCount: 0 });
  }

  setPresence(chatId: string, presence: ChatPresence): void {
    this.#chat(chatId);
    this.#context.world.setPresence(chatId, presence);
  }

  #find(messageId: string): { chatId: string; message: Message } {
    const found = this.#context.world.findMessage(messageId);
    if (!found) throw new GatewayError('message_not_found', `No message with id ${messageId} exists in this account.`);
    return found;
  }

  #chat(chatId: string): Chat {
    const chat = this.#context.world.getChat(chatId);
    if (!chat) throw new GatewayError('chat_not_found', `No chat with id ${chatId} exists in this account.`);
    return chat;
  }
}
