import type { SendOptions, WhatsAppDriver } from '../driver/index.js';
import { GatewayError } from '../errors.js';
import { normalizeChatId } from '../util/phone-number.js';
import { requireMessage } from './message-lookup.js';

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
 * Driver send options for a reply and mentions. The quoted message must exist: WhatsApp Web would
 * otherwise send without the quote and the caller would never know. Call inside `session.call`.
 */
export async function toSendOptions(driver: WhatsAppDriver, replyToMessageId: string | undefined, mentions?: string[]): Promise<SendOptions> {
  const options: SendOptions = {};
  if (replyToMessageId !== undefined) options.quotedMessageId = (await requireMessage(driver, replyToMessageId, 'reply_to_message_id')).id;
  if (mentions) options.mentions = mentions;
  return options;
}
