import type { Chat, WhatsAppDriver } from '../driver/index.js';
import { GatewayError } from '../errors.js';

/** The chat with this id, or `chat_not_found`. Call inside `session.call`. */
export async function requireChat(driver: WhatsAppDriver, chatId: string): Promise<Chat> {
  const chat = await driver.getChat(chatId);
  if (chat) return chat;
  throw new GatewayError('chat_not_found', `No chat with ${chatId} exists in this account yet; take ids from list_chats or list_groups, or send a message first.`, {
    details: { field: 'chat_id' },
  });
}

/**
 * Groups must already exist; a one-to-one chat is created by the first message, so only groups are
 * checked before sending to them.
 */
export async function requireGroupIfGroup(driver: WhatsAppDriver, chatId: string): Promise<void> {
  if (chatId.endsWith('@g.us')) await requireChat(driver, chatId);
}
