import Type from 'typebox';
import { loadMediaInput } from '../media/index.js';
import { chatIdUser } from '../util/phone-number.js';
import { resolveRecipient } from './chat-target.js';
import { MediaInputSchema, SendAsSchema, SentMediaSchema } from './media-schemas.js';
import { defineOperation } from './operation.js';
import { ChatIdField, MentionsField, PhoneNumberField, ReplyToMessageIdField } from './schemas.js';
import { normalizeMentions, toSendOptions } from './send-options.js';

/** WhatsApp cuts captions longer than this. */
export const MAX_CAPTION_LENGTH = 4096;

export const sendMediaOperation = defineOperation({
  name: 'send_media',
  title: 'Send an image, video, audio, voice note or document',
  summary: 'Sends a file (from a URL or base64) to a phone number or chat, with an optional caption.',
  description:
    'Sends a real file to a real person or group: it cannot be undone, so confirm the recipient and the file first. Give media.url (the gateway downloads it, within the size limit and timeout) or media.data_base64. Images, videos and audio go inline, other files as documents; send_as: "document" forces a file attachment, "voice" sends audio as a voice note. reply_to_message_id quotes a message of the same chat; mentions @-mentions people named as @<number> in the caption. Over REST the file can also be uploaded as multipart/form-data (field "file").',
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      media: MediaInputSchema,
      caption: Type.Optional(Type.String({ maxLength: MAX_CAPTION_LENGTH, description: 'Text shown under the media.' })),
      send_as: Type.Optional(SendAsSchema),
      reply_to_message_id: Type.Optional(ReplyToMessageIdField),
      mentions: Type.Optional(MentionsField),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    ok: Type.Literal(true),
    to: Type.String({ description: 'Digits (or id) of the recipient.' }),
    chat_id: Type.String(),
    message_id: Type.String(),
    timestamp: Type.String({ description: 'ISO-8601 time WhatsApp stamped on the message.' }),
    media: SentMediaSchema,
  }),
  hints: { readOnly: false, destructive: false, idempotent: false, openWorld: true },
  example: {
    input: { phone_number: '15557654321', media: { url: 'https://example.com/menu.pdf' }, caption: "Tonight's menu" },
    output: {
      ok: true,
      to: '15557654321',
      chat_id: '15557654321@c.us',
      message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456789',
      timestamp: '2026-01-01T12:00:00.000Z',
      media: { type: 'document', mimetype: 'application/pdf', filename: 'menu.pdf', size: 48213 },
    },
  },
  handler: async (context, input) => {
    // Fetch or decode first: a bad file fails before the recipient lookup touches the browser.
    const media = await loadMediaInput(input.media, context.config, context.fetchMedia, context.signal);
    const mentions = normalizeMentions(input.mentions);
    const chatId = await resolveRecipient(context, input);
    const message = await context.session.call(
      'Sending the media',
      async (driver) => {
        const options = await toSendOptions(driver, input.reply_to_message_id, mentions);
        return driver.sendMedia(chatId, media, { ...options, caption: input.caption, asDocument: input.send_as === 'document', asVoice: input.send_as === 'voice' });
      },
      context.waitMs,
    );
    return {
      ok: true as const,
      to: chatIdUser(chatId),
      chat_id: chatId,
      message_id: message.id,
      timestamp: new Date(message.timestamp * 1000).toISOString(),
      media: { type: message.type, mimetype: media.mimetype, filename: media.filename, size: media.data.length },
    };
  },
});
