import type { Contact, GroupInfo } from '../../driver/index.js';
import type { ChatLike, ContactLike } from './client-like.js';
import { serialized } from './to-domain.js';

/** Contacts and groups from the library's structures. */

const USER_ID = /^\d+@(c\.us|lid)$/;

/** Whether an id names a person (phone-number or LID user), as opposed to a group, channel or broadcast. */
export function isUserId(id: string): boolean {
  return USER_ID.test(id);
}

/**
 * WhatsApp Web keeps a contact model for everyone it has seen (group members, senders, the
 * account itself); the ones worth listing are people, known to WhatsApp or saved on the phone.
 */
export function isPersonContact(contact: ContactLike): boolean {
  return isUserId(contact.id._serialized) && contact.isGroup !== true && Boolean(contact.isWAContact || contact.isMyContact);
}

export function toContact(contact: ContactLike): Contact {
  const id = contact.id._serialized;
  return {
    id,
    // A LID is not a phone number: the digits of an @lid id (and its userid) say nothing about the phone.
    number: id.endsWith('@c.us') ? contact.number || id.split('@')[0]! : null,
    name: contact.name || null,
    pushname: contact.pushname || null,
    isMyContact: Boolean(contact.isMyContact),
    isBusiness: Boolean(contact.isBusiness),
    isBlocked: Boolean(contact.isBlocked),
  };
}

export function toGroup(chat: ChatLike): GroupInfo {
  const created = chat.createdAt?.getTime();
  return {
    id: chat.id._serialized,
    name: chat.name || chat.id._serialized,
    description: chat.description || null,
    owner: serialized(chat.owner) || null,
    createdAt: created !== undefined && Number.isFinite(created) && created > 0 ? Math.floor(created / 1000) : null,
    participants: (chat.participants ?? []).map((participant) => ({
      id: serialized(participant.id),
      isAdmin: Boolean(participant.isAdmin),
      isSuperAdmin: Boolean(participant.isSuperAdmin),
    })),
  };
}
