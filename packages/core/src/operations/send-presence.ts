import Type from 'typebox';
import { requireChat } from './chat-lookup.js';
import { resolveRecipient } from './chat-target.js';
import { defineOperation } from './operation.js';
import { ChatIdField, PhoneNumberField } from './schemas.js';

export const sendPresenceOperation = defineOperation({
  name: 'send_presence',
  title: 'Show typing or recording',
  summary: 'Shows "typing…" or "recording audio…" in a chat, or stops it.',
  description:
    'Shows the other people in a chat that this account is typing or recording a voice note, for example while an answer is being prepared; paused stops it. WhatsApp clears the indicator by itself after about 25 seconds, so repeat it for longer waits. Address the chat with chat_id (from list_chats or list_groups) or phone_number.',
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      presence: Type.Enum(['typing', 'recording', 'paused'], { description: 'typing, recording (a voice note) or paused (stop showing either).' }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ ok: Type.Literal(true), chat_id: Type.String(), presence: Type.Enum(['typing', 'recording', 'paused']) }),
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  example: { input: { chat_id: '15557654321@c.us', presence: 'typing' }, output: { ok: true, chat_id: '15557654321@c.us', presence: 'typing' } },
  handler: async (context, input) => {
    const chatId = await resolveRecipient(context, input);
    await context.session.call(
      'Sending the presence',
      async (driver) => {
        await requireChat(driver, chatId);
        await driver.setPresence(chatId, input.presence);
      },
      context.waitMs,
    );
    return { ok: true as const, chat_id: chatId, presence: input.presence };
  },
});
