/**
 * Message rowids (`messages.seq`, the search index's rowid) are ordered by time: the message's
 * unix second times 2^20, plus its rank among the messages stored for that second. So a date
 * range is a rowid range the FTS5 index can seek to, and "the newest matches" is a descending
 * walk of the index, whatever order messages were written in (a backfill writes old ones late).
 * 2^33 seconds (year 2242) times 2^20 is exactly 2^53: every seq is a safe JavaScript integer.
 */
export const SEQ_PER_SECOND = 2 ** 20;
export const MAX_SEQ_SECOND = 2 ** 33 - 1;

/** The second a timestamp files under: clamped into what a seq can express. */
export function seqSecond(timestamp: number): number {
  return Math.min(MAX_SEQ_SECOND, Math.max(0, Math.floor(timestamp)));
}

/** The seq range covering `since` to `until` (unix seconds, inclusive; either may be open). */
export function seqRange(since: number | undefined, until: number | undefined): { lo: number; hi: number } {
  const lo = since === undefined ? 0 : seqSecond(Math.ceil(since)) * SEQ_PER_SECOND;
  const hi = until === undefined ? Number.MAX_SAFE_INTEGER : (seqSecond(Math.floor(until)) + 1) * SEQ_PER_SECOND - 1;
  return { lo, hi: until !== undefined && Math.floor(until) < 0 ? -1 : hi };
}

