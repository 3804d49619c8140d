import Type from 'typebox';
import { normalizePhoneNumber } from '../util/phone-number.js';
import { lookupPhoneNumber } from './number-lookup.js';
import { defineOperation } from './operation.js';
import { PhoneNumberField } from './schemas.js';

export const checkNumberOperation = defineOperation({
  name: 'check_number',
  title: 'Check a number on WhatsApp',
  summary: 'Tells whether a phone number has WhatsApp, and its chat id.',
  description:
    'Asks WhatsApp whether a phone number (country code included) has an account, without sending anything or telling the person. Use it before a first message to a new number; the returned chat_id works wherever chat_id is accepted. Sends with phone_number run the same check and fail with not_on_whatsapp.',
  input: Type.Object({ phone_number: PhoneNumberField }, { additionalProperties: false }),
  output: Type.Object({
    ok: Type.Literal(true),
    phone_number: Type.String({ description: 'The number as digits.' }),
    on_whatsapp: Type.Boolean(),
    chat_id: Type.Union([Type.String(), Type.Null()], { description: 'The chat id to use, or null when the number is not on WhatsApp.' }),
  }),
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  example: {
    input: { phone_number: '+1 555 765 4321' },
    output: { ok: true, phone_number: '15557654321', on_whatsapp: true, chat_id: '15557654321@c.us' },
  },
  handler: async (context, input) => {
    const digits = normalizePhoneNumber(input.phone_number);
    const chatId = await lookupPhoneNumber(context, digits);
    return { ok: true as const, phone_number: digits, on_whatsapp: chatId !== null, chat_id: chatId };
  },
});
