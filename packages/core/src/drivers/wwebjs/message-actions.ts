import { chatOf, type MediaFile, type Message } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import type { ActionableMessageLike, ClientLike } from './client-like.js';
import { serialized, toMessage } from './to-domain.js';

/** What the driver does to one existing message, through the library's Message structure. */

/** WhatsApp lets a sender (or a group admin) delete for everyone for about two and a half days. */
export const REVOKE_WINDOW_SECONDS = 60 * 60 * 60;

export async function getMessage(client: ClientLike, messageId: string): Promise<Message | null> {
  const message = await findMessage(client, messageId);
  return message ? toMessage(message) : null;
}

export async function downloadMedia(client: ClientLike, messageId: string): Promise<MediaFile | null> {
  const message = await requireMessage(client, messageId);
  if (!message.hasMedia) return null;
  // undefined when WhatsApp no longer has the file (expired, or still being re-uploaded).
  const media = await message.downloadMedia();
  if (!media?.data) return null;
  return { data: Buffer.from(media.data, 'base64'), mimetype: media.mimetype, filename: media.filename || null };
}

export async function react(client: ClientLike, messageId: string, reaction: string): Promise<void> {
  const message = await requireMessage(client, messageId);
  await message.react(reaction);
}

export async function editMessage(client: ClientLike, messageId: string, text: string): Promise<Message> {
  const message = await requireMessage(client, messageId);
  const edited = await message.edit(text);
  if (!edited) {
    throw new GatewayError('not_allowed', 'WhatsApp only lets you edit your own text messages and captions, within 15 minutes of sending them.');
  }
  return toMessage(edited);
}

export async function deleteMessage(client: ClientLike, messageId: string, forEveryone: boolean, nowSeconds: number): Promise<void> {
  const message = await requireMessage(client, messageId);
  // Asked for everyone but not allowed, the library quietly deletes for this account only: refuse first.
  if (forEveryone) await assertRevocable(client, message, nowSeconds);
  await message.delete(forEveryone);
}

export async function forwardMessage(client: ClientLike, messageId: string, toChatId: string): Promise<void> {
  const message = await requireMessage(client, messageId);
  await message.forward(toChatId);
}

async function assertRevocable(client: ClientLike, message: ActionableMessageLike, nowSeconds: number): Promise<void> {
  if (message.type === 'revoked') throw new GatewayError('not_allowed', 'This message was already deleted for everyone.');
  if (nowSeconds - message.timestamp > REVOKE_WINDOW_SECONDS) {
    throw new GatewayError('not_allowed', 'WhatsApp only deletes messages for everyone within about 60 hours of sending; delete it for this account instead.');
  }
  if (message.fromMe) return;
  const chatId = chatOf(message);
  if (!chatId.endsWith('@g.us')) {
    throw new GatewayError('not_allowed', "Only your own messages can be deleted for everyone in a one-to-one chat; delete it for this account instead.");
  }
  const me = client.info?.wid?._serialized;
  const group = await client.getChatById(chatId);
  const isAdmin = group?.participants?.some((participant) => serialized(participant.id) === me && participant.isAdmin);
  if (!isAdmin) throw new GatewayError('not_allowed', "Only group admins can delete other people's messages for everyone.");
}

async function requireMessage(client: ClientLike, messageId: string): Promise<ActionableMessageLike> {
  const message = await findMessage(client, messageId);
  if (!message) {
    throw new GatewayError('message_not_found', `No message ${messageId} in this account's WhatsApp; check the id (read the chat's messages to find it).`);
  }
  return message;
}

/** A serialized message id is `<fromMe>_<chat>_<id>` plus `_<participant>` in groups. */
function isMessageId(messageId: string): boolean {
  const parts = messageId.split('_');
  return (parts.length === 3 || parts.length === 4) && (parts[0] === 'true' || parts[0] === 'false') && parts.every((part) => part !== '');
}

/** The library throws for a malformed id; for the driver that is simply an unknown message. */
async function findMessage(client: ClientLike, messageId: string): Promise<ActionableMessageLike | null> {
  if (!isMessageId(messageId)) return null;
  return (await client.getMessageById(messageId)) ?? null;
}
