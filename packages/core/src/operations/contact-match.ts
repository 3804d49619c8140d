import type { Contact } from '../driver/index.js';

/** Lower case without diacritics, so "José" is found by "jose". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const NUMBER_QUERY = /^[+\d\s().-]+$/;

/**
 * Contacts matching a query, best first, with the same rules as the store's `searchContacts`. A
 * query of digits and phone punctuation matches the number's digits; any other query must match
 * every one of its words in the name, pushname or number. A blank query matches everyone. Order: a
 * name or pushname that starts with the first word, then one with a word starting with it, then
 * the rest; saved contacts before others; then by name.
 */
export function matchContacts(contacts: readonly Contact[], query: string, limit: number): Contact[] {
  const trimmed = query.trim();
  const matches = trimmed === '' ? [...contacts] : contacts.filter(matcherFor(trimmed));
  const first = foldText(trimmed).split(/\s+/)[0] ?? '';
  const rank = (contact: Contact): number => {
    if (first === '') return 0;
    const names = [contact.name, contact.pushname].filter((name): name is string => name !== null).map(foldText);
    if (names.some((name) => name.startsWith(first))) return 0;
    return names.some((name) => name.split(/\s+/).some((word) => word.startsWith(first))) ? 1 : 2;
  };
  const sortName = (contact: Contact) => foldText(contact.name ?? contact.pushname ?? contact.number ?? contact.id);
  return matches
    .sort((a, b) => rank(a) - rank(b) || Number(b.isMyContact) - Number(a.isMyContact) || sortName(a).localeCompare(sortName(b)))
    .slice(0, limit);
}

function matcherFor(query: string): (contact: Contact) => boolean {
  const digits = query.replace(/\D/g, '');
  if (NUMBER_QUERY.test(query) && digits.length > 0) return (contact) => numberOf(contact).includes(digits);
  const words = foldText(query).split(/\s+/).filter(Boolean);
  return (contact) => {
    const haystack = foldText([contact.name, contact.pushname, contact.number].filter(Boolean).join(' '));
    return words.every((word) => haystack.includes(word));
  };
}

/** @lid ids are not phone numbers: only a known number or a @c.us id is matched by digits. */
function numberOf(contact: Contact): string {
  if (contact.number) return contact.number;
  return contact.id.endsWith('@c.us') ? (contact.id.split('@')[0] ?? '') : '';
}
