import { GatewayError } from '@wa/core';

/**
 * Letters, digits and marks: what the unicode61 tokenizer keeps as token characters. Everything
 * else (punctuation, symbols, emoji, spaces) separates tokens, in the index and here alike.
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/**
 * A quoted phrase (optionally followed by `*`), or a bare term: a run of anything but spaces,
 * quotes and brackets (brackets group, they never join words the way `-` or `:` do).
 */
const TERM = /"([^"]*)"(\*?)|([^\s"()[\]{}<>]+)/gu;

/**
 * Turns what a person typed into an FTS5 MATCH expression in which nothing they typed is syntax
 * (and says whether it has prefix terms):
 *
 * - words: each must match (FTS5's implicit AND); case and diacritics fold in the tokenizer;
 * - `"quoted phrases"` match those words next to each other; a quote without its partner is dropped;
 * - `wor*` matches words starting with "wor"; `*` elsewhere is punctuation;
 * - a term with punctuation inside (`e-mail`, `12:30`, `don't`) is the phrase of its words, as
 *   the text was indexed; brackets separate terms (`NEAR(a b)` is three words);
 * - operators (`AND`, `OR`, `NOT`, `NEAR`), `-`, `:`, `^`, `+` and brackets are plain text:
 *   every piece reaches FTS5 inside double quotes.
 *
 * Throws `invalid_input` when the text is empty or has no word to look for (only punctuation,
 * symbols or emoji, which the index never holds).
 */
export function toFtsQuery(text: string): { expression: string; hasPrefix: boolean } {
  if (text.trim() === '') throw new GatewayError('invalid_input', 'The search text is empty: give at least one word to look for.');
  const parts: string[] = [];
  let hasPrefix = false;
  for (const match of balanceQuotes(text).matchAll(TERM)) {
    const [, phrase, phraseStar, bare] = match;
    const source = phrase ?? bare ?? '';
    const prefix = phrase !== undefined ? phraseStar === '*' : source.endsWith('*');
    const words = source.match(WORD);
    if (!words) continue;
    hasPrefix ||= prefix;
    parts.push(`"${words.join(' ')}"${prefix ? '*' : ''}`);
  }
  if (parts.length === 0) {
    throw new GatewayError('invalid_input', 'The search text has no words to look for: punctuation, symbols and emoji are not indexed.');
  }
  return { expression: parts.join(' '), hasPrefix };
}

/** Drops the last double quote when their number is odd, so a stray quote never swallows the text. */
function balanceQuotes(text: string): string {
  const quotes = text.split('"').length - 1;
  if (quotes % 2 === 0) return text;
  const last = text.lastIndexOf('"');
  return `${text.slice(0, last)} ${text.slice(last + 1)}`;
}
