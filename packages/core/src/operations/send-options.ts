import type { SendOptions, WhatsAppDriver } from '../driver/index.js';
import { GatewayError } from '../errors.js';
import { normalizeChatId } from '../util/phone-number.js';
import { requireMessage } from './message-lookup.js';

/** The reply and mention fields every send operation accepts. */
export interface SendOptionsInput {
  reply_to_message_id?: string | undefined;
  mentions?: string[] | undefined;
}

/** Phone numbers or ids to person ids, without duplicates; throws on anything else before browser work. */
export function normalizeMentions(mentions: readonly string[] | undefined): string[] | undefined {
  if (mentions === undefined || mentions.length === 0) return undefined;
  const ids = mentions.map((mention) => {
    const id = normalizeChatId(mention, 'mentions');
    if (id.endsWith('@g.us')) throw new GatewayError('invalid_input', 'mentions take people (phone numbers or …@c.us / …@lid ids), not groups.', { details: { field: 'mentions' } });
    return id;
  });
  return [...new Set(ids)];
}

/**
 * Driver send options from validated input. A quoted message must exist: WhatsApp Web would
 * otherwise send without the quote and the caller would never know. Call inside `session.call`.
 */
export async function toSendOptions(driver: WhatsAppDriver, input: SendOptionsInput, mentions: string[] | undefined): Promise<SendOptions> {
  const options: SendOptions = {};
  if (input.reply_to_message_id !== undefined) {
    options.quotedMessageId = (await requireMessage(driver, input.reply_to_message_id, 'reply_to_message_id')).id;
  }
  if (mentions) options.mentions = mentions;
  return options;
}
