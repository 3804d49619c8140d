import type { ChatPresence, Contact, GroupInfo } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import type { ChatLike, ClientLike } from './client-like.js';
import { serialized } from './to-domain.js';
import { isPersonContact, isUserId, toContact, toGroup } from './to-directory.js';

/** Numbers, contacts, groups and what the account shows a chat (read receipts, typing). */

export async function lookupNumber(client: ClientLike, digits: string): Promise<string | null> {
  const wid = await client.getNumberId(digits);
  return wid ? serialized(wid) || null : null;
}

export async function markRead(client: ClientLike, chatId: string): Promise<void> {
  if (!(await client.sendSeen(chatId))) throw chatNotFound(chatId);
}

/** Typing and recording last about 25 seconds in WhatsApp unless cleared ('paused'). */
export async function setPresence(client: ClientLike, chatId: string, presence: ChatPresence): Promise<void> {
  const chat = await requireChat(client, chatId);
  if (presence === 'typing') await chat.sendStateTyping();
  else if (presence === 'recording') await chat.sendStateRecording();
  else await chat.clearState();
}

export async function listContacts(client: ClientLike): Promise<Contact[]> {
  const contacts = await client.getContacts();
  return contacts.filter(isPersonContact).map(toContact);
}

/** WhatsApp Web makes up a contact for any id it is asked about; only people it knows count. */
export async function getContact(client: ClientLike, contactId: string): Promise<Contact | null> {
  if (!isUserId(contactId)) return null;
  const contact = await client.getContactById(contactId);
  return contact && isPersonContact(contact) ? toContact(contact) : null;
}

export async function getGroup(client: ClientLike, chatId: string): Promise<GroupInfo | null> {
  if (!chatId.endsWith('@g.us')) return null;
  const chat = await client.getChatById(chatId);
  return chat?.isGroup ? toGroup(chat) : null;
}

async function requireChat(client: ClientLike, chatId: string): Promise<ChatLike> {
  const chat = await client.getChatById(chatId);
  if (!chat) throw chatNotFound(chatId);
  return chat;
}

function chatNotFound(chatId: string): GatewayError {
  return new GatewayError('chat_not_found', `No chat ${chatId} in this account; check the id (list chats to find it).`);
}
