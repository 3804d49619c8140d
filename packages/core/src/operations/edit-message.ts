import Type from 'typebox';
import { GatewayError } from '../errors.js';
import { toMessageSummary } from './mappers.js';
import { requireMessage } from './message-lookup.js';
import { defineOperation } from './operation.js';
import { EXAMPLE_MESSAGE, MessageIdField, MessageSummarySchema } from './schemas.js';
import { MAX_MESSAGE_LENGTH } from './send-message.js';

/** WhatsApp lets the author edit a message for 15 minutes after sending it. */
const EDIT_WINDOW_SECONDS = 15 * 60;

export const editMessageOperation = defineOperation({
  name: 'edit_message',
  title: 'Edit a sent message',
  summary: 'Replaces the text of a message this account sent in the last 15 minutes.',
  description:
    'Changes the text of one of this account\'s own messages; the chat shows it as edited and the previous text is gone. Only messages sent by this account (from_me) can be edited, and only within 15 minutes of sending: otherwise it fails with not_allowed. message_id comes from the send result, read_messages or get_updates.',
  input: Type.Object(
    {
      message_id: MessageIdField,
      text: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_LENGTH, description: 'The new text.' }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({ ok: Type.Literal(true), message: MessageSummarySchema }),
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  example: {
    input: { message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456789', text: 'On my way, 10 minutes late' },
    output: {
      ok: true,
      message: { ...EXAMPLE_MESSAGE, id: 'true_15557654321@c.us_3EB0C0FFEE0123456789', from: '15551234567@c.us', to: '15557654321@c.us', from_me: true, body: 'On my way, 10 minutes late' },
    },
  },
  handler: async (context, input) => {
    const edited = await context.session.call(
      'Editing the message',
      async (driver) => {
        const message = await requireMessage(driver, input.message_id);
        if (!message.fromMe) {
          throw new GatewayError('not_allowed', 'Only messages sent by this account can be edited; this one was written by someone else.', { details: { field: 'message_id' } });
        }
        if (Date.now() / 1000 - message.timestamp > EDIT_WINDOW_SECONDS) {
          throw new GatewayError('not_allowed', 'WhatsApp allows editing only within 15 minutes of sending; send a new message instead.', { details: { field: 'message_id' } });
        }
        return driver.editMessage(message.id, input.text);
      },
      context.waitMs,
    );
    return { ok: true as const, message: toMessageSummary(edited) };
  },
});
