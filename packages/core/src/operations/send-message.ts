import Type from 'typebox';
import { chatIdUser } from '../util/phone-number.js';
import { resolveChatTarget } from './chat-target.js';
import { defineOperation } from './operation.js';
import { ChatIdField, PhoneNumberField } from './schemas.js';

/** WhatsApp rejects text messages longer than this. */
export const MAX_MESSAGE_LENGTH = 65_536;

export const sendMessageOperation = defineOperation({
  name: 'send_message',
  title: 'Send a text message',
  summary: 'Sends a WhatsApp text message to a phone number or chat.',
  description:
    'Sends a real message to a real person or group: it cannot be undone, so confirm the recipient and text first. Address it with phone_number (country code included) or chat_id (from a chat listing; required for groups). Waits briefly for the session to be ready and fails with a not-ready error when it is not linked.',
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      message: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, description: 'The text to send.', examples: ['Hello from the gateway'] }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    ok: Type.Literal(true),
    to: Type.String({ description: 'Digits (or id) of the recipient.' }),
    chat_id: Type.String(),
    message_id: Type.String({ description: 'Serialized id of the sent message.' }),
    timestamp: Type.String({ description: 'ISO-8601 time WhatsApp stamped on the message.' }),
  }),
  hints: { readOnly: false, destructive: false, idempotent: false, openWorld: true },
  example: {
    input: { phone_number: '+1 555 765 4321', message: 'On my way' },
    output: { ok: true, to: '15557654321', chat_id: '15557654321@c.us', message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456789', timestamp: '2026-01-01T12:00:00.000Z' },
  },
  handler: async (context, input) => {
    const { session } = context;
    const chatId = resolveChatTarget(input);
    const message = await session.call('Sending the message', (driver) => driver.sendText(chatId, input.message), context.waitMs);
    return {
      ok: true as const,
      to: chatIdUser(chatId),
      chat_id: chatId,
      message_id: message.id,
      timestamp: new Date(message.timestamp * 1000).toISOString(),
    };
  },
});
