import type { Message } from '../driver/index.js';
import type { MessageSummary } from '../operations/schemas.js';

/** A message as published in an event (wire shape) back in the driver's shape, with its chat. */
export function fromWire(message: MessageSummary, chatId: string): Message & { chatId: string } {
  return {
    id: message.id,
    from: message.from,
    to: message.to,
    author: message.author,
    fromMe: message.from_me,
    type: message.type,
    body: message.body,
    timestamp: message.timestamp,
    hasMedia: message.has_media,
    quotedMessageId: message.quoted_message_id,
    mentions: message.mentions,
    media: message.media,
    location: message.location,
    chatId,
  };
}
