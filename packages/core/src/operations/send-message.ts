import Type from 'typebox';
import { resolveRecipient } from './chat-target.js';
import { toSentMessage } from './mappers.js';
import { defineOperation } from './operation.js';
import { ChatIdField, MentionsField, PhoneNumberField, ReplyToMessageIdField, SentMessageSchema } from './schemas.js';
import { normalizeMentions, toSendOptions } from './send-options.js';

/** WhatsApp rejects text messages longer than this. */
export const MAX_MESSAGE_LENGTH = 65_536;

export const sendMessageOperation = defineOperation({
  name: 'send_message',
  title: 'Send a text message',
  summary: 'Sends a WhatsApp text message to a phone number or chat.',
  description:
    'Sends a real message to a real person or group: it cannot be undone, so confirm the recipient and text first. Address it with phone_number (country code included; fails with not_on_whatsapp before sending when the number has no WhatsApp) or chat_id (from a chat listing; required for groups). Optionally reply to a message of the chat (reply_to_message_id) and @-mention people (mentions, with @<number> written in the text). Waits briefly for the session to be ready and fails with a not-ready error when it is not linked.',
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      message: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, description: 'The text to send.', examples: ['Hello from the gateway'] }),
      reply_to_message_id: Type.Optional(ReplyToMessageIdField),
      mentions: Type.Optional(MentionsField),
    },
    { additionalProperties: false },
  ),
  output: SentMessageSchema,
  hints: { readOnly: false, destructive: false, idempotent: false, openWorld: true },
  example: {
    input: { phone_number: '+1 555 765 4321', message: 'On my way' },
    output: { ok: true, to: '15557654321', chat_id: '15557654321@c.us', message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456789', timestamp: '2026-01-01T12:00:00.000Z' },
  },
  handler: async (context, input) => {
    const mentions = normalizeMentions(input.mentions);
    const chatId = await resolveRecipient(context, input);
    const message = await context.session.call(
      'Sending the message',
      async (driver) => driver.sendText(chatId, input.message, await toSendOptions(driver, input.reply_to_message_id, mentions)),
      context.waitMs,
    );
    return toSentMessage(chatId, message);
  },
});
