import Type from 'typebox';
import { GatewayError } from '../errors.js';
import { chatOfMessage, requireMessage } from './message-lookup.js';
import { defineOperation } from './operation.js';
import { MessageIdField } from './schemas.js';

/** Emoji, their modifiers and joiners only; digits, `#` and `*` alone are keycap parts, not emoji. */
const EMOJI = /^[\p{Extended_Pictographic}\p{Emoji_Component}]+$/u;
const NOT_ONLY_KEYCAP_BASE = /[^0-9#*]/u;

export const reactOperation = defineOperation({
  name: 'react',
  title: 'React to a message',
  summary: 'Sets this account\'s emoji reaction on a message, or clears it with an empty emoji.',
  description:
    'Puts one emoji reaction (like 👍 or ❤️) from this account on a message; the people in the chat see it. A new emoji replaces the previous one; an empty string removes it. message_id comes from read_messages, search_messages or get_updates.',
  input: Type.Object(
    {
      message_id: MessageIdField,
      emoji: Type.String({ maxLength: 32, description: 'One emoji, or an empty string to remove the reaction.', examples: ['👍'] }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    ok: Type.Literal(true),
    message_id: Type.String(),
    chat_id: Type.String(),
    emoji: Type.String({ description: 'The reaction now set; empty when it was removed.' }),
  }),
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: true },
  example: {
    input: { message_id: 'false_15557654321@c.us_3EB0A1B2C3D4E5F6A7B8', emoji: '👍' },
    output: { ok: true, message_id: 'false_15557654321@c.us_3EB0A1B2C3D4E5F6A7B8', chat_id: '15557654321@c.us', emoji: '👍' },
  },
  handler: async (context, input) => {
    const { emoji } = input;
    if (emoji !== '' && !(EMOJI.test(emoji) && NOT_ONLY_KEYCAP_BASE.test(emoji))) {
      throw new GatewayError('invalid_input', 'emoji must be a single emoji such as 👍, or an empty string to remove the reaction.', { details: { field: 'emoji' } });
    }
    const message = await context.session.call(
      'Reacting to the message',
      async (driver) => {
        const target = await requireMessage(driver, input.message_id);
        await driver.react(target.id, emoji);
        return target;
      },
      context.waitMs,
    );
    return { ok: true as const, message_id: message.id, chat_id: chatOfMessage(message), emoji };
  },
});
