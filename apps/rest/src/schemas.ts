import { StatusSchema } from '@wa/core';
import Type from 'typebox';

/** The one error shape of every REST answer that is not a success. */
export const ErrorBodySchema = Type.Object(
  {
    ok: Type.Literal(false),
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code; branch on this.' }),
      message: Type.String({ description: 'One actionable sentence.' }),
      details: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  },
  { title: 'Error', examples: [{ ok: false, error: { code: 'invalid_phone_number', message: 'phone_number must contain 8 to 15 digits including the country code.' } }] },
);

export const SERVICE_NAME = 'whatsapp-mcp-api' as const;

export const HealthSchema = Type.Object(
  {
    ok: Type.Literal(true),
    name: Type.Literal(SERVICE_NAME),
    mcp: Type.String({ description: 'URL of the MCP endpoint.' }),
    status: StatusSchema,
  },
  { title: 'Health' },
);

export const LivenessSchema = Type.Object({ ok: Type.Literal(true) }, { title: 'Liveness' });

export const QrInfoSchema = Type.Object(
  {
    state: Type.String(),
    qr: Type.Union([Type.String(), Type.Null()], { description: 'The raw QR string to render yourself, while one is waiting.' }),
    pairing_code: Type.Union(
      [Type.Object({ code: Type.String(), phone_number: Type.String(), issued_at: Type.String() }), Type.Null()],
      { description: 'The active pairing code, if one was requested.' },
    ),
  },
  { title: 'QrInfo', examples: [{ state: 'qr', qr: '2@Jx8kLmN0pQrStUvWxYz…,…', pairing_code: null }] },
);

/** Error statuses and when they happen, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  400: 'Invalid input (wrong type, missing field, bad phone number or chat id).',
  404: 'The chat, message, contact or group does not exist, or the number is not on WhatsApp.',
  409: 'Not allowed on this message (for example editing someone else\'s message).',
  413: 'The media or the request body is larger than the limit.',
  502: 'WhatsApp Web or the browser failed.',
  503: 'The session is not ready or not linked; see Retry-After.',
  504: 'The browser did not answer in time.',
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** A typical error body per status, for the OpenAPI examples. */
export const ERROR_EXAMPLES: Readonly<Record<ErrorStatus, { code: string; message: string }>> = {
  400: { code: 'invalid_phone_number', message: 'phone_number must contain 8 to 15 digits including the country code.' },
  404: { code: 'chat_not_found', message: 'No chat with 15557654321@c.us exists in this account yet; send a message first or check the number.' },
  409: { code: 'not_allowed', message: 'Only messages sent from this account can be edited.' },
  413: { code: 'media_too_large', message: 'The media is larger than the limit of 67108864 bytes (WHATSAPP_MEDIA_MAX_BYTES).' },
  502: { code: 'whatsapp_failed', message: 'Sending the message failed in WhatsApp Web: Evaluation failed.' },
  503: { code: 'session_not_linked', message: 'WhatsApp is not linked yet: scan the QR code at /qr (or request a pairing code) and retry.' },
  504: { code: 'browser_timeout', message: 'Sending the message did not finish within 30000 ms.' },
};

/** The documented error answers of a route, one entry per status, in the one error shape. */
export function errorResponseSchemas(statuses: readonly ErrorStatus[]): Record<number, Record<string, unknown>> {
  return Object.fromEntries(
    statuses.map((status) => [status, { ...ErrorBodySchema, description: ERROR_RESPONSES[status], examples: [{ ok: false, error: ERROR_EXAMPLES[status] }] }]),
  );
}
