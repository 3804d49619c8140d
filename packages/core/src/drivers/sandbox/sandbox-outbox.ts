import type { GeoLocation, MediaFile, Message, SendMediaOptions, SendOptions } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import type { SandboxContext } from './sandbox-context.js';
import { isOnSandboxWhatsApp } from './sandbox-directory.js';
import { mediaMessageType } from './sandbox-media.js';
import type { NewSandboxMessage } from './sandbox-world.js';

/** Everything this account sends: new messages and forwards, with WhatsApp's delivery progress. */
export class SandboxOutbox {
  readonly #context: SandboxContext;
  readonly #echoDelayMs: number;

  constructor(context: SandboxContext, echoDelayMs: number) {
    this.#context = context;
    this.#echoDelayMs = echoDelayMs;
  }

  sendText(chatId: string, text: string, options: SendOptions = {}): Message {
    return this.#send(chatId, { body: text }, options);
  }

  sendMedia(chatId: string, media: MediaFile, options: SendMediaOptions = {}): Message {
    if (media.data.length === 0) throw new GatewayError('invalid_media', 'The media file is empty; send a file with content.');
    const type = mediaMessageType(media.mimetype, options);
    return this.#send(chatId, { type, body: options.caption ?? '', media }, options);
  }

  sendLocation(chatId: string, location: GeoLocation, options: SendOptions = {}): Message {
    return this.#send(chatId, { type: 'location', body: location.name ?? '', location }, options);
  }

  /** A copy of the message, content and media, sent by this account to `toChatId`. */
  forward(messageId: string, toChatId: string): Message {
    const found = this.#context.world.findMessage(messageId);
    if (!found) throw new GatewayError('message_not_found', `No message with id ${messageId} exists in this account.`);
    const { type, body, location } = found.message;
    if (type === 'revoked') throw new GatewayError('not_allowed', 'This message was deleted for everyone and cannot be forwarded.');
    const media = this.#context.world.media.get(messageId);
    return this.#send(toChatId, { type, body, media, location }, {});
  }

  #send(chatId: string, content: Omit<NewSandboxMessage, 'fromMe'>, options: SendOptions): Message {
    this.#assertReachable(chatId);
    if (options.quotedMessageId) this.#assertQuotable(options.quotedMessageId, chatId);
    const message = this.#context.world.addMessage(chatId, {
      ...content,
      fromMe: true,
      quotedMessageId: options.quotedMessageId ?? null,
      mentions: options.mentions ?? [],
    });
    this.#deliver(message);
    return message;
  }

  #assertReachable(chatId: string): void {
    const { world } = this.#context;
    if (chatId.endsWith('@g.us') && !world.hasChat(chatId)) {
      throw new GatewayError('chat_not_found', `No group with id ${chatId} exists in this account.`);
    }
    const digits = chatId.split('@')[0] ?? '';
    if (chatId.endsWith('@c.us') && !isOnSandboxWhatsApp(digits)) {
      throw new GatewayError('not_on_whatsapp', `The number ${digits} is not on WhatsApp; check the number.`);
    }
  }

  #assertQuotable(quotedMessageId: string, chatId: string): void {
    if (this.#context.world.findMessage(quotedMessageId)?.chatId !== chatId) {
      throw new GatewayError('message_not_found', `No message with id ${quotedMessageId} exists in chat ${chatId}; quote a message of the same chat.`);
    }
  }

  /**
   * Delivery progress as WhatsApp reports it: server, then device; in one-to-one chats the contact
   * then reads it and echoes text back.
   */
  #deliver(message: Message): void {
    const { emit, later, receive } = this.#context;
    const chatId = message.to;
    later(0, () => emit('message_sent', structuredClone(message)));
    later(20, () => emit('message_ack', { messageId: message.id, chatId, ack: 1 }));
    later(40, () => emit('message_ack', { messageId: message.id, chatId, ack: 2 }));
    if (!chatId.endsWith('@c.us')) return;
    later(this.#echoDelayMs, () => {
      emit('message_ack', { messageId: message.id, chatId, ack: 3 });
      if (message.type === 'chat') receive(chatId, `Echo: ${message.body}`);
    });
  }
}
