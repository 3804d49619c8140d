import Type from 'typebox';
import type { Message, WhatsAppDriver } from '../driver/index.js';
import { GatewayError } from '../errors.js';
import { chatOfMessage, requireMessage } from './message-lookup.js';
import { defineOperation } from './operation.js';
import { MessageIdField } from './schemas.js';

export const deleteMessageOperation = defineOperation({
  name: 'delete_message',
  title: 'Delete a message',
  summary: 'Deletes a message for this account only, or for everyone in the chat.',
  description:
    'Deletes one message and cannot be undone. By default it disappears only from this account\'s devices; for_everyone: true revokes it for every participant (WhatsApp shows "This message was deleted"), which works for this account\'s own messages and, in groups where this account is an admin, for other people\'s; otherwise it fails with not_allowed. message_id comes from read_messages, search_messages, get_updates or a send result.',
  input: Type.Object(
    {
      message_id: MessageIdField,
      for_everyone: Type.Optional(Type.Boolean({ default: false, description: 'Revoke it for every participant instead of only for this account.' })),
    },
    { additionalProperties: false },
  ),
  output: Type.Object({
    ok: Type.Literal(true),
    message_id: Type.String(),
    chat_id: Type.String(),
    for_everyone: Type.Boolean(),
  }),
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: true },
  example: {
    input: { message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456789', for_everyone: true },
    output: { ok: true, message_id: 'true_15557654321@c.us_3EB0C0FFEE0123456789', chat_id: '15557654321@c.us', for_everyone: true },
  },
  handler: async (context, input) => {
    const forEveryone = input.for_everyone ?? false;
    const message = await context.session.call(
      'Deleting the message',
      async (driver) => {
        const target = await requireMessage(driver, input.message_id);
        const me = context.session.snapshot().account?.wid ?? null;
        if (forEveryone && !target.fromMe) await assertMayRevokeOthers(driver, target, me);
        await driver.deleteMessage(target.id, forEveryone);
        return target;
      },
      context.waitMs,
    );
    return { ok: true as const, message_id: message.id, chat_id: chatOfMessage(message), for_everyone: forEveryone };
  },
});

/**
 * WhatsApp Web quietly deletes only for this account when it may not revoke, so refuse up front:
 * someone else's message can be revoked only by a group admin. When this account does not appear
 * in the participant list under its phone id (groups listed by @lid), WhatsApp decides.
 */
async function assertMayRevokeOthers(driver: WhatsAppDriver, message: Message, me: string | null): Promise<void> {
  const chatId = chatOfMessage(message);
  const refuse = (why: string) => new GatewayError('not_allowed', `${why}; delete it for this account only (for_everyone: false).`, { details: { field: 'for_everyone' } });
  if (!chatId.endsWith('@g.us')) throw refuse('Only the author can delete a message for everyone in a one-to-one chat');
  const group = await driver.getGroup(chatId);
  const self = group?.participants.find((participant) => participant.id === me);
  if (self && !self.isAdmin && !self.isSuperAdmin) throw refuse('Only group admins can delete other people\'s messages for everyone');
}
