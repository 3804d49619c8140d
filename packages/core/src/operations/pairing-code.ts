import Type from 'typebox';
import { normalizePhoneNumber } from '../util/phone-number.js';
import { toStatus } from './mappers.js';
import { defineOperation } from './operation.js';
import { PhoneNumberField, StatusSchema } from './schemas.js';

export const PAIRING_INSTRUCTIONS =
  'On the phone open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type this code. It expires after about 3 minutes.';

export const pairingCodeOperation = defineOperation({
  name: 'pairing_code',
  title: 'Link with a pairing code',
  summary: 'Gets an 8-character code to link this gateway by typing it on the phone, instead of scanning a QR.',
  description:
    'Use when the QR code cannot be scanned. phone_number is the number of the WhatsApp account to link, with country code. Starts the client if needed. When the session is already linked, returns already_authenticated true and the status instead of a code. The code is a secret: show it only to the account owner.',
  input: Type.Object({ phone_number: PhoneNumberField }, { additionalProperties: false }),
  output: Type.Union([
    Type.Object({
      already_authenticated: Type.Literal(false),
      phone_number: Type.String({ description: 'The digits the code was issued for.' }),
      code: Type.String({ description: 'Eight characters to type on the phone.' }),
      instructions: Type.String(),
    }),
    Type.Object({
      already_authenticated: Type.Literal(true),
      code: Type.Null(),
      status: StatusSchema,
    }),
  ]),
  hints: { readOnly: false, destructive: false, idempotent: false, openWorld: false },
  example: {
    input: { phone_number: '+1 555 123 4567' },
    output: { already_authenticated: false, phone_number: '15551234567', code: 'K7QW2MXR', instructions: PAIRING_INSTRUCTIONS },
  },
  handler: async ({ session, config }, input) => {
    const phoneNumber = normalizePhoneNumber(input.phone_number);
    const outcome = await session.requestPairingCode(phoneNumber);
    if (outcome.alreadyAuthenticated) {
      return { already_authenticated: true as const, code: null, status: toStatus(session.snapshot(), config) };
    }
    return { already_authenticated: false as const, phone_number: phoneNumber, code: outcome.code, instructions: PAIRING_INSTRUCTIONS };
  },
});
