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
 * What a contact is found by: a newline, then the folded name, pushname and number digits, each
 * line starting with a newline, so "starts a field" is a search for newline + word.
 */
export function contactSearchKey(contact: Pick<Contact, 'name' | 'pushname' | 'number'>): string {
  return `\n${foldText(contact.name ?? '')}\n${foldText(contact.pushname ?? '')}\n${(contact.number ?? '').replace(/\D/gu, '')}`;
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
