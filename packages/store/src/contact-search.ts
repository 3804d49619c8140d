import type { Contact } from '@wa/core';

/** Words of a contact query that count; more are ignored (nobody's name has that many). */
export const MAX_QUERY_WORDS = 8;

/** Digits and the punctuation people put in phone numbers, and at least one digit. */
const PHONE_LIKE = /^(?=.*\d)[\d\s+().-]+$/u;

/**
 * Text as contact search compares it: compatibility-decomposed, combining marks removed, lower
 * case, runs of white space as one space. "  José  ÁLVAREZ " becomes "jose alvarez".
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * What a contact is found by: the folded name and pushname, each after a newline (so "a name
 * starts with the word" is a search for newline + word), then a tab and the number's digits (the
 * user part of a `@c.us` id when the number is unknown; an `@lid` id is not a phone number).
 */
export function contactSearchKey(contact: Pick<Contact, 'id' | 'name' | 'pushname' | 'number'>): string {
  const number = contact.number ?? (contact.id.endsWith('@c.us') ? contact.id.split('@')[0] : '') ?? '';
  return `\n${foldText(contact.name ?? '')}\n${foldText(contact.pushname ?? '')}\t${number.replace(/\D/gu, '')}`;
}

/** The name contacts are listed by: the folded name people see. */
export function contactSortName(contact: Pick<Contact, 'id' | 'name' | 'pushname' | 'number'>): string {
  return foldText(contact.name ?? contact.pushname ?? contact.number ?? contact.id);
}

/**
 * The words every match must contain, folded like the keys. A query that looks like a phone
 * number is one word of its digits ("+1 (555) 010-0001" is "15550100001"); so is each word of a
 * query that looks like a piece of one ("555-0100"). An empty list matches every contact.
 */
export function contactQueryWords(query: string): string[] {
  if (PHONE_LIKE.test(query)) return [query.replace(/\D/gu, '')];
  const words = foldText(query)
    .split(' ')
    .map((word) => (PHONE_LIKE.test(word) ? word.replace(/\D/gu, '') : word))
    .filter((word) => word !== '');
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}
