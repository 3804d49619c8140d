import type { Account, Contact, GroupInfo } from '../../driver/index.js';

export const SANDBOX_ACCOUNT: Account = Object.freeze({
  wid: '15551234567@c.us',
  pushname: 'Sandbox User',
  platform: 'sandbox',
});

export const SANDBOX_CONTACTS = Object.freeze({
  alice: '15550100001@c.us',
  bob: '15550100002@c.us',
  /** A business account in the address book. */
  shop: '15550100003@c.us',
  /** On WhatsApp but not in the address book: only their pushname is known. */
  stranger: '15550100004@c.us',
  team: '120363000000000001@g.us',
});

/**
 * The sandbox's rule for who has WhatsApp: every number except those ending in these digits
 * (`15550000000`, `4915112340000`, ...), so tests can name an unregistered number deterministically.
 */
export const SANDBOX_UNREGISTERED_SUFFIX = '0000';

export function isOnSandboxWhatsApp(digits: string): boolean {
  return !digits.endsWith(SANDBOX_UNREGISTERED_SUFFIX);
}

const person = (id: string, name: string | null, pushname: string | null, extra: Partial<Contact> = {}): Contact => ({
  id,
  number: id.split('@')[0] ?? null,
  name,
  pushname,
  isMyContact: name !== null,
  isBusiness: false,
  isBlocked: false,
  ...extra,
});

/** The address book and group memberships of the sandbox account. Reads return private copies. */
export class SandboxDirectory {
  readonly #contacts = new Map<string, Contact>(
    [
      person(SANDBOX_CONTACTS.alice, 'Alice (sandbox)', 'Alice'),
      person(SANDBOX_CONTACTS.bob, 'Bob (sandbox)', 'Bobby'),
      person(SANDBOX_CONTACTS.shop, 'Corner Bakery', 'Corner Bakery Ltd', { isBusiness: true }),
      person(SANDBOX_CONTACTS.stranger, null, 'Dave'),
    ].map((contact) => [contact.id, contact]),
  );
  readonly #groups = new Map<string, GroupInfo>();

  constructor(createdAt: number) {
    this.#groups.set(SANDBOX_CONTACTS.team, {
      id: SANDBOX_CONTACTS.team,
      name: 'Sandbox Team',
      description: 'Where the sandbox people talk. Everything here lives in memory.',
      owner: SANDBOX_ACCOUNT.wid,
      createdAt,
      participants: [
        { id: SANDBOX_ACCOUNT.wid, isAdmin: true, isSuperAdmin: true },
        { id: SANDBOX_CONTACTS.alice, isAdmin: true, isSuperAdmin: false },
        { id: SANDBOX_CONTACTS.bob, isAdmin: false, isSuperAdmin: false },
      ],
    });
  }

  /**
   * A known person, or, like WhatsApp, a bare contact for anyone this account has a one-to-one
   * chat with (`chatIds`); null otherwise.
   */
  contact(contactId: string, chatIds: Iterable<string>): Contact | null {
    const known = this.#contacts.get(contactId);
    if (known) return { ...known };
    return contactId.endsWith('@c.us') && new Set(chatIds).has(contactId) ? person(contactId, null, null) : null;
  }

  /** The address book, then the bare contacts of other one-to-one chats. */
  contacts(chatIds: Iterable<string>): Contact[] {
    const bare = [...chatIds].filter((id) => id.endsWith('@c.us') && !this.#contacts.has(id)).map((id) => person(id, null, null));
    return [...[...this.#contacts.values()].map((contact) => ({ ...contact })), ...bare];
  }

  /** The name a new chat with `chatId` shows: the address-book name, else the number. */
  chatName(chatId: string): string {
    return this.#contacts.get(chatId)?.name ?? this.#groups.get(chatId)?.name ?? chatId.split('@')[0] ?? chatId;
  }

  group(chatId: string): GroupInfo | null {
    const group = this.#groups.get(chatId);
    return group ? { ...group, participants: group.participants.map((participant) => ({ ...participant })) } : null;
  }
}
