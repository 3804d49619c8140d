import Type from 'typebox';
import { resolveRecipient } from './chat-target.js';
import { toSentMessage } from './mappers.js';
import { defineOperation } from './operation.js';
import { ChatIdField, PhoneNumberField, ReplyToMessageIdField, SentMessageSchema } from './schemas.js';
import { toSendOptions } from './send-options.js';

export const sendLocationOperation = defineOperation({
  name: 'send_location',
  title: 'Send a location',
  summary: 'Sends a location pin (latitude and longitude, optional place name and address).',
  description:
    'Sends a real location message to a person or group: it cannot be undone, so confirm the recipient and the coordinates first. Address it with phone_number (fails with not_on_whatsapp before sending when the number has no WhatsApp) or chat_id (from list_chats or list_groups). Coordinates are decimal degrees (WGS 84). Optionally name the place and reply to a message of the chat.',
  input: Type.Object(
    {
      phone_number: Type.Optional(PhoneNumberField),
      chat_id: Type.Optional(ChatIdField),
      latitude: Type.Number({ minimum: -90, maximum: 90, description: 'Decimal degrees, -90 to 90.' }),
      longitude: Type.Number({ minimum: -180, maximum: 180, description: 'Decimal degrees, -180 to 180.' }),
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'Place name shown above the pin.' })),
      address: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Address shown under the name.' })),
      reply_to_message_id: Type.Optional(ReplyToMessageIdField),
    },
    { additionalProperties: false },
  ),
  output: SentMessageSchema,
  hints: { readOnly: false, destructive: false, idempotent: false, openWorld: true },
  example: {
    input: { chat_id: '15557654321@c.us', latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Champ de Mars, 75007 Paris' },
    output: { ok: true, to: '15557654321', chat_id: '15557654321@c.us', message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456790', timestamp: '2026-01-01T12:00:00.000Z' },
  },
  handler: async (context, input) => {
    const chatId = await resolveRecipient(context, input);
    const location = { latitude: input.latitude, longitude: input.longitude, name: input.name ?? null, address: input.address ?? null };
    const message = await context.session.call(
      'Sending the location',
      async (driver) => driver.sendLocation(chatId, location, await toSendOptions(driver, input.reply_to_message_id)),
      context.waitMs,
    );
    return toSentMessage(chatId, message);
  },
});
