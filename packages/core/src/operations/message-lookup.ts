import type { Message, WhatsAppDriver } from '../driver/index.js';
import { GatewayError } from '../errors.js';

/** The message with this id, or `message_not_found`. Call inside `session.call`. */
export async function requireMessage(driver: WhatsAppDriver, messageId: string, field = 'message_id'): Promise<Message> {
  const message = await driver.getMessage(messageId);
  if (message) return message;
  throw new GatewayError('message_not_found', `No message has the id ${messageId.slice(0, 80)}; take ids from read_messages, search_messages, get_updates or a send result.`, {
    details: { field },
  });
}

/** The chat a message belongs to: its recipient when this account wrote it, its origin otherwise. */
export function chatOfMessage(message: Message): string {
  return message.fromMe ? message.to : message.from;
}
