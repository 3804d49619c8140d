import { GatewayError, type SearchQuery } from '@wa/core';
import { toFtsQuery } from './fts-query.js';
import { seqRange } from './message-seq.js';

/** How a search runs: one MATCH expression and a seq range; the index answers every filter. */
export interface SearchPlan {
  /** The user's words in the body column(s) of the direction, AND the chat, sender and type facets. */
  match: string;
  /** True when a term ends in `*`: FTS5 then builds a merged doclist on every evaluation. */
  hasPrefix: boolean;
  /** Seq bounds from `since` and `until` (inclusive). */
  lo: number;
  hi: number;
}

/**
 * Direction picks the body column (`body_in`, `body_out`, or both), chat, sender and type become
 * facet terms, and a date range becomes a seq range (see migration 2 and message-seq.ts).
 */
export function planSearch(query: SearchQuery): SearchPlan {
  const words = toFtsQuery(query.text);
  if (query.direction !== undefined && query.direction !== 'in' && query.direction !== 'out') {
    throw new GatewayError('invalid_input', 'direction is "in" (received) or "out" (sent).');
  }
  const columns = query.direction === undefined ? '{body_in body_out}' : `body_${query.direction}`;
  const facets: string[] = [];
  if (query.chatId !== undefined) facets.push(facet('c', query.chatId));
  if (query.sender !== undefined) facets.push(facet('s', query.sender));
  if (query.type !== undefined) facets.push(facet('t', query.type));
  checkTime(query.since, 'since');
  checkTime(query.until, 'until');
  const { lo, hi } = seqRange(query.since, query.until);
  return {
    match: [`${columns} : (${words.expression})`, ...facets.map((term) => `facets : ${term}`)].join(' AND '),
    hasPrefix: words.hasPrefix,
    lo,
    hi,
  };
}

/** One index token, as the `facets` column makes it (migration 2): U+E000, the facet letter, the value's UTF-8 in hex. */
function facet(name: 'c' | 's' | 't', value: string): string {
  return `"\u{E000}${name}${Buffer.from(value, 'utf8').toString('hex')}"`;
}

function checkTime(value: number | undefined, name: string): void {
  if (value !== undefined && !Number.isFinite(value)) throw new GatewayError('invalid_input', `${name} is a time in unix seconds.`);
}
