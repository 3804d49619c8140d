import type { Logger } from 'pino';
import { chatOf, type DriverEvents } from '../../driver/index.js';
import type { TypedEmitter } from '../../events/typed-emitter.js';
import type { ChatLike, ClientLike, MessageLike } from './client-like.js';
import { toMessage, toReaction, type ReactionLike } from './to-domain.js';

export interface ClientEventsOptions {
  log: Logger;
  /** True once the driver is shutting down: its own logout/destroy is no disconnection to report. */
  isStopping(): boolean;
}

/** Turns the library's client events into driver events (facts only; the session assigns states). */
export function relayClientEvents(client: ClientLike, driver: TypedEmitter<DriverEvents>, options: ClientEventsOptions): void {
  client.on('qr', (qr: string) => driver.emit('qr', String(qr)));
  client.on('code', (code: string) => driver.emit('pairing_code', String(code)));
  client.on('authenticated', () => driver.emit('authenticated'));
  client.on('ready', () => {
    const info = client.info;
    driver.emit('ready', {
      wid: info?.wid?._serialized ?? '',
      pushname: info?.pushname ?? null,
      platform: info?.platform ?? null,
    });
  });
  client.on('auth_failure', (message: unknown) => driver.emit('failure', new Error(`Authentication failed: ${String(message)}`)));
  client.on('disconnected', (reason: unknown) => {
    if (!options.isStopping()) driver.emit('disconnected', String(reason));
  });
  // Listener exceptions stay here: a malformed payload must not reach the library's emitter.
  const relay = <A extends unknown[]>(what: string, handler: (...args: A) => void) => (...args: A) => {
    try {
      handler(...args);
    } catch (error) {
      options.log.warn({ err: error, event: what }, 'a WhatsApp event could not be read');
    }
  };
  client.on('message', relay('message', (message: MessageLike) => driver.emit('message', toMessage(message))));
  client.on('message_create', relay('message_create', (message: MessageLike) => {
    if (message.fromMe) driver.emit('message_sent', toMessage(message));
  }));
  client.on('message_ack', relay('message_ack', (message: MessageLike, ack: number) => {
    driver.emit('message_ack', { messageId: message.id._serialized, chatId: chatOf(message), ack: Number(ack) });
  }));
  client.on('message_revoke_everyone', relay('message_revoke_everyone', (message: MessageLike, revoked?: MessageLike) => {
    driver.emit('message_revoked', { messageId: (revoked ?? message).id._serialized, chatId: chatOf(message) });
  }));
  client.on('message_edit', relay('message_edit', (message: MessageLike, newBody: string, previousBody: string) => {
    driver.emit('message_edited', { message: { ...toMessage(message), body: String(newBody ?? message.body) }, previousBody: String(previousBody ?? '') });
  }));
  client.on('message_reaction', relay('message_reaction', (reaction: ReactionLike) => {
    driver.emit('message_reaction', toReaction(reaction));
  }));
  // The library looks the chat up again after the change; it can be gone by then.
  client.on('unread_count', relay('unread_count', (chat: ChatLike | undefined) => {
    if (!chat) return;
    driver.emit('chat_unread', { chatId: chat.id._serialized, unreadCount: Math.max(0, Math.trunc(Number(chat.unreadCount) || 0)) });
  }));
}
