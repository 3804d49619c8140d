import { GatewayError } from '../errors.js';
import { chatIdUser, normalizeChatId, normalizePhoneNumber } from '../util/phone-number.js';
import { lookupPhoneNumber } from './number-lookup.js';
import type { OperationContext } from './operation.js';

/** The two ways a caller names a chat: `phone_number` (the old field) or `chat_id`. */
export interface ChatTargetInput {
  phone_number?: string | undefined;
  chat_id?: string | undefined;
}

/** Resolves `phone_number` or `chat_id` to a serialized chat id, syntactically, without asking WhatsApp. */
export function resolveChatTarget(input: ChatTargetInput): string {
  if (input.phone_number !== undefined && input.chat_id !== undefined) {
    throw new GatewayError('invalid_input', 'Give either phone_number or chat_id, not both.', { details: { field: 'chat_id' } });
  }
  if (input.chat_id !== undefined) return normalizeChatId(input.chat_id, 'chat_id');
  if (input.phone_number !== undefined) return `${normalizePhoneNumber(input.phone_number)}@c.us`;
  throw new GatewayError('invalid_input', 'phone_number (or chat_id) is required.', { details: { field: 'phone_number' } });
}

/**
 * The chat to send to or act on. A `chat_id` is used as given (after validation); a `phone_number`
 * is normalised and looked up on WhatsApp, so a number that is not on WhatsApp fails with
 * `not_on_whatsapp` before anything is sent. Input errors are thrown before any browser work.
 */
export async function resolveRecipient(context: OperationContext, input: ChatTargetInput): Promise<string> {
  const chatId = resolveChatTarget(input);
  if (input.phone_number === undefined) return chatId;
  return requireOnWhatsApp(context, chatIdUser(chatId), 'phone_number');
}

/** The chat id of a phone number (digits) that must be on WhatsApp; `not_on_whatsapp` otherwise. */
export async function requireOnWhatsApp(context: OperationContext, digits: string, field: string): Promise<string> {
  const chatId = await lookupPhoneNumber(context, digits);
  if (chatId) return chatId;
  throw new GatewayError('not_on_whatsapp', `The number ${digits} is not on WhatsApp; check the digits and the country code (check_number tells before sending).`, {
    details: { field },
  });
}
