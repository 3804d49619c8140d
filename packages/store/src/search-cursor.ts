import { createHash } from 'node:crypto';
import { GatewayError } from '@wa/core';

/**
 * Where a search page ended: inside the window of seqs `lo`..`hi` (see `search.ts`), after the
 * hit `seq` (whose rank was `rank`). Hits are ordered by window (newest first), then rank, then
 * seq (newest first); the next page starts strictly after that hit, so none is repeated or
 * skipped. `search` ties the cursor to one query and its filters.
 */
export interface SearchPosition {
  lo: number;
  hi: number;
  rank: number;
  seq: number;
  search: string;
}

/** A short digest naming a query and its filters, so a cursor cannot be replayed on another search. */
export function searchFingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(position: SearchPosition): string {
  const { lo, hi, rank, seq, search } = position;
  return Buffer.from(JSON.stringify([1, lo, hi, rank, seq, search])).toString('base64url');
}

/** Reads a cursor from `encodeCursor`; anything else, or one from another search, is `invalid_input`. */
export function decodeCursor(cursor: string, search: string): SearchPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== 6 || value[0] !== 1) throw invalidCursor();
  const [, lo, hi, rank, seq, fingerprint] = value as unknown[];
  const integers = [lo, hi, seq].every((n) => Number.isSafeInteger(n));
  if (!integers || typeof rank !== 'number' || !Number.isFinite(rank) || typeof fingerprint !== 'string') throw invalidCursor();
  if (fingerprint !== search) {
    throw new GatewayError('invalid_input', 'This cursor belongs to another search: repeat the query and filters it came from, or drop the cursor to start over.');
  }
  return { lo: lo as number, hi: hi as number, rank, seq: seq as number, search };
}

function invalidCursor(): GatewayError {
  return new GatewayError('invalid_input', 'The cursor is not one this server returned: pass the next cursor of the previous page unchanged.');
}
