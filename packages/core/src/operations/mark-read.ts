import Type from 'typebox';
import { requireChat } from './chat-lookup.js';
import { resolveRecipient } from './chat-target.js';
import { defineOperation } from './operation.js';
import { ChatIdField, PhoneNumberField } from './schemas.js';

export const markReadOperation = defineOperation({
  name: 'mark_read',
  title: 'Mark a chat read',
  summary: 'Marks every message of a chat as read (the senders see blue ticks).',
  description:
    'The one explicit way to mark a chat read: reading messages through this gateway never does it. The senders see blue ticks (unless read receipts are off on the phone) and the unread counter drops to zero. Address the chat with chat_id (from list_chats or list_groups) or phone_number.',
  input: Type.Object(
    { phone_number: Type.Optional(PhoneNumberField), chat_id: Type.Optional(ChatIdField) },
    { additionalProperties: false },
  ),
  output: Type.Object({ ok: Type.Literal(true), chat_id: Type.String() }),
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  example: { input: { chat_id: '15557654321@c.us' }, output: { ok: true, chat_id: '15557654321@c.us' } },
  handler: async (context, input) => {
    const chatId = await resolveRecipient(context, input);
    await context.session.call(
      'Marking the chat read',
      async (driver) => {
        await requireChat(driver, chatId);
        await driver.markRead(chatId);
      },
      context.waitMs,
    );
    return { ok: true as const, chat_id: chatId };
  },
});
