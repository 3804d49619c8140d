import Type from 'typebox';
import { resolveChatTarget } from './chat-target.js';
import { historyOf } from './history-required.js';
import { defineOperation } from './operation.js';
import { ChatIdField, PhoneNumberField } from './schemas.js';

export const syncChatOperation = defineOperation({
  name: 'sync_chat',
  title: 'Re-sync one chat',
  summary: 'Reads one chat again from WhatsApp into the stored history.',
  description:
    'Fetches the last `limit` messages of a chat from WhatsApp Web and stores the ones the history lacks; incoming ones newer than the stored history are published once as message.received events. Use when a chat looks incomplete in search or history.',
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Messages to read, 1 to 500.' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ ok: Type.Literal(true), chat_id: Type.String(), fetched: Type.Integer(), added: Type.Integer() }),
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: false },
  example: { input: { chat_id: '15557654321@c.us', limit: 100 }, output: { ok: true, chat_id: '15557654321@c.us', fetched: 100, added: 3 } },
  handler: async (context, input) => {
    const chatId = resolveChatTarget(input);
    const { fetched, added } = await historyOf(context).syncChat(chatId, input.limit ?? 100);
    return { ok: true as const, chat_id: chatId, fetched, added };
  },
});
