import Type, { type Static } from 'typebox';
import type { StoredMessage } from '../store/index.js';
import { toMessageSummary } from './mappers.js';
import { MessageSummarySchema } from './schemas.js';

/** A message summary plus where it lives and what happened to it later. */
export const StoredMessageSchema = Type.Object(
  {
    ...MessageSummarySchema.properties,
    chat_id: Type.String(),
    edited: Type.Boolean(),
    revoked: Type.Boolean({ description: 'Deleted for everyone; the stored text is what was sent.' }),
  },
  { title: 'StoredMessage' },
);
export type StoredMessageSummary = Static<typeof StoredMessageSchema>;

export function toStoredSummary(message: StoredMessage): StoredMessageSummary {
  return { ...toMessageSummary(message), chat_id: message.chatId, edited: message.editedAt !== null, revoked: message.revokedAt !== null };
}
