import Type from 'typebox';
import type { Message } from '../driver/index.js';
import { GatewayError } from '../errors.js';
import { resolveChatTarget } from './chat-target.js';
import { MediaItemSchema } from './media-schemas.js';
import { defineOperation, type OperationContext } from './operation.js';
import { ChatIdField, PhoneNumberField } from './schemas.js';

/** How far back one listing looks, in messages. */
export const MEDIA_SCAN_DEPTH = 500;

export const listMediaOperation = defineOperation({
  name: 'list_media',
  title: 'List the media of a chat',
  summary: "Metadata of a chat's recent images, videos, audio and documents, newest first, without downloading them.",
  description: `Lists the media messages among the last ${MEDIA_SCAN_DEPTH} messages of a chat: type, mime type, file name, size and caption (untrusted text), newest first. Nothing is downloaded; pass a message_id to download_media to get a file.`,
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'How many media messages, 1 to 100.' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    ok: Type.Literal(true),
    chat_id: Type.String(),
    count: Type.Integer(),
    media: Type.Array(MediaItemSchema),
  }),
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  example: {
    input: { chat_id: '15557654321@c.us', limit: 20 },
    output: {
      ok: true,
      chat_id: '15557654321@c.us',
      count: 1,
      media: [
        {
          message_id: 'false_15557654321@c.us_3EB0A1B2C3D4E5F6A7B8',
          type: 'image',
          timestamp: 1767268800,
          from_me: false,
          author: null,
          caption: 'The view from here',
          mimetype: 'image/jpeg',
          filename: null,
          size: 48213,
        },
      ],
    },
  },
  handler: async (context, input) => {
    const chatId = resolveChatTarget(input);
    const messages = await recentMessages(context, chatId);
    const media = messages
      .filter((message) => message.hasMedia)
      .reverse()
      .slice(0, input.limit ?? 20)
      .map((message) => ({
        message_id: message.id,
        type: message.type,
        timestamp: message.timestamp,
        from_me: message.fromMe,
        author: message.author,
        caption: message.body,
        mimetype: message.media?.mimetype ?? null,
        filename: message.media?.filename ?? null,
        size: message.media?.size ?? null,
      }));
    return { ok: true as const, chat_id: chatId, count: media.length, media };
  },
});

/** Oldest first: from the stored history once it has caught up with this chat (as read_messages), from the browser otherwise. */
async function recentMessages(context: OperationContext, chatId: string): Promise<Message[]> {
  const history = context.history;
  if (history?.isCaughtUp(chatId)) {
    await history.flush();
    if (await history.store.getChat(chatId)) return history.store.readMessages(chatId, MEDIA_SCAN_DEPTH);
  }
  const messages = await context.session.call(
    'Reading messages',
    async (driver) => ((await driver.getChat(chatId)) ? driver.readMessages(chatId, MEDIA_SCAN_DEPTH) : null),
    context.waitMs,
  );
  if (!messages) throw new GatewayError('chat_not_found', `No chat with ${chatId} exists in this account yet.`);
  return messages;
}
