import { GatewayError } from '../errors.js';
import { normalizeChatId, normalizePhoneNumber } from '../util/phone-number.js';

/** Resolves `phone_number` (the old field) or `chat_id` (the new one) to a serialized chat id. */
export function resolveChatTarget(input: { phone_number?: string | undefined; chat_id?: string | undefined }): string {
  if (input.phone_number !== undefined && input.chat_id !== undefined) {
    throw new GatewayError('invalid_input', 'Give either phone_number or chat_id, not both.', { details: { field: 'chat_id' } });
  }
  if (input.chat_id !== undefined) return normalizeChatId(input.chat_id, 'chat_id');
  if (input.phone_number !== undefined) return `${normalizePhoneNumber(input.phone_number)}@c.us`;
  throw new GatewayError('invalid_input', 'phone_number (or chat_id) is required.', { details: { field: 'phone_number' } });
}
