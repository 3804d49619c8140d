import Type from 'typebox';
import { chatIdUser } from '../util/phone-number.js';
import { requireGroupIfGroup } from './chat-lookup.js';
import { resolveRecipient } from './chat-target.js';
import { requireMessage } from './message-lookup.js';
import { defineOperation } from './operation.js';
import { ChatIdField, MessageIdField, PhoneNumberField } from './schemas.js';

export const forwardMessageOperation = defineOperation({
  name: 'forward_message',
  title: 'Forward a message',
  summary: 'Forwards an existing message (text, media or location) to another chat.',
  description:
    'Sends a copy of a message, marked as forwarded, to a person or group: the recipient sees it at once and it cannot be undone. message_id comes from read_messages, search_messages or get_updates; address the destination with chat_id (from list_chats or list_groups) or phone_number (fails with not_on_whatsapp before sending when the number has no WhatsApp).',
  input: Type.Object(
    {
      message_id: MessageIdField,
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    ok: Type.Literal(true),
    message_id: Type.String({ description: 'The forwarded (original) message.' }),
    to: Type.String({ description: 'Digits (or id) of the destination.' }),
    chat_id: Type.String({ description: 'The destination chat.' }),
  }),
  hints: { readOnly: false, destructive: false, idempotent: false, openWorld: true },
  example: {
    input: { message_id: 'false_15557654321@c.us_3EB0A1B2C3D4E5F6A7B8', chat_id: '120363012345678901@g.us' },
    output: { ok: true, message_id: 'false_15557654321@c.us_3EB0A1B2C3D4E5F6A7B8', to: '120363012345678901', chat_id: '120363012345678901@g.us' },
  },
  handler: async (context, input) => {
    const chatId = await resolveRecipient(context, input);
    const message = await context.session.call(
      'Forwarding the message',
      async (driver) => {
        const original = await requireMessage(driver, input.message_id);
        await requireGroupIfGroup(driver, chatId);
        await driver.forwardMessage(original.id, chatId);
        return original;
      },
      context.waitMs,
    );
    return { ok: true as const, message_id: message.id, to: chatIdUser(chatId), chat_id: chatId };
  },
});
