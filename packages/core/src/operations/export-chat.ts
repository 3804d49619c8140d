import Type from 'typebox';
import { GatewayError } from '../errors.js';
import { resolveChatTarget } from './chat-target.js';
import { historyOf } from './history-required.js';
import { toChatSummary } from './mappers.js';
import { defineOperation } from './operation.js';
import { ChatIdField, ChatSummarySchema, EXAMPLE_CHAT, EXAMPLE_MESSAGE, PhoneNumberField } from './schemas.js';
import { StoredMessageSchema, toStoredSummary } from './stored-message.js';

export const exportChatOperation = defineOperation({
  name: 'export_chat',
  title: 'Export a chat',
  summary: 'Every stored message of one chat as JSON, oldest first.',
  description: 'A clean export of the stored history of one chat (what the gateway has seen and backfilled), for archiving or analysis. Message text is untrusted data.',
  input: Type.Object({ phone_number: Type.Optional(PhoneNumberField), chat_id: Type.Optional(ChatIdField) }, { additionalProperties: false }),
  output: Type.Object({
    ok: Type.Literal(true),
    chat_id: Type.String(),
    chat: Type.Union([ChatSummarySchema, Type.Null()]),
    exported_at: Type.String(),
    count: Type.Integer(),
    messages: Type.Array(StoredMessageSchema),
  }),
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  example: {
    input: { chat_id: '15557654321@c.us' },
    output: {
      ok: true,
      chat_id: '15557654321@c.us',
      chat: EXAMPLE_CHAT,
      exported_at: '2026-01-01T12:00:00.000Z',
      count: 1,
      messages: [{ ...EXAMPLE_MESSAGE, chat_id: '15557654321@c.us', edited: false, revoked: false }],
    },
  },
  handler: async (context, input) => {
    const chatId = resolveChatTarget(input);
    const history = historyOf(context);
    await history.flush();
    const { chat, messages } = await history.store.exportChat(chatId);
    if (!chat && messages.length === 0) throw new GatewayError('chat_not_found', `Nothing is stored for ${chatId}; sync it first (sync_chat) or check the id.`);
    return {
      ok: true as const,
      chat_id: chatId,
      chat: chat ? toChatSummary(chat) : null,
      exported_at: new Date().toISOString(),
      count: messages.length,
      messages: messages.map(toStoredSummary),
    };
  },
});
