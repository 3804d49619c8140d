import { GatewayError } from '../errors.js';

const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

/** Strips every non-digit; 8 to 15 digits (country code included) must remain. */
export function normalizePhoneNumber(input: string, field = 'phone_number'): string {
  const digits = input.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) {
    throw new GatewayError(
      'invalid_phone_number',
      `${field} must contain ${MIN_DIGITS} to ${MAX_DIGITS} digits including the country code (for example 15551234567 or +1 555 123 4567); got ${digits.length} digits.`,
      { details: { field } },
    );
  }
  return digits;
}

const CHAT_ID = /^([0-9A-Za-z._:-]{1,64})@(c\.us|g\.us|lid)$/;

/** A serialized WhatsApp chat id: `<digits>@c.us` (person), `<id>@g.us` (group) or `<id>@lid`. */
export function normalizeChatId(input: string, field = 'chat_id'): string {
  const trimmed = input.trim();
  if (/^\+?[\d\s().-]+$/.test(trimmed)) return `${normalizePhoneNumber(trimmed, field)}@c.us`;
  const match = CHAT_ID.exec(trimmed);
  if (!match) {
    throw new GatewayError(
      'invalid_chat_id',
      `${field} must be a WhatsApp chat id such as 15551234567@c.us, 120363012345678901@g.us or 123456789012345@lid.`,
      { details: { field } },
    );
  }
  const [, user, server] = match;
  if (server === 'c.us') return `${normalizePhoneNumber(user ?? '', field)}@c.us`;
  return trimmed;
}

/** The part of a chat id before `@`. */
export function chatIdUser(chatId: string): string {
  return chatId.split('@')[0] ?? chatId;
}
