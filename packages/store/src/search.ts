import { GatewayError, type SearchHit, type SearchPage, type SearchQuery } from '@wa/core';
import type { Database, Statement } from 'better-sqlite3';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './row-mapping.js';
import { decodeCursor, encodeCursor, searchFingerprint, type SearchPosition } from './search-cursor.js';
import { planSearch, type SearchPlan } from './search-plan.js';

/** The most hits one page may ask for. */
export const MAX_SEARCH_LIMIT = 1000;

/**
 * Matches ranked together. bm25 costs about a microsecond per match, so a word found in 500,000
 * messages cannot be ranked within a request; results come in windows of this many matches,
 * newest window first, each ranked by bm25. A search with fewer matches is one window: plain
 * bm25 order over everything.
 */
export const DEFAULT_RANK_WINDOW = 5000;

/** Tokens of context in a snippet, around the matches. */
const SNIPPET_TOKENS = 12;

/** bm25 over the two body columns; the facet column holds filters, not text, and must not move ranks. */
const RANK = 'bm25(messages_fts, 1.0, 1.0, 0.0)';

/** Snippet of the body column the message is in (0 `body_in`, 1 `body_out`: its `from_me`). */
const SNIPPET = `snippet(messages_fts, m.from_me, '[', ']', '…', ${SNIPPET_TOKENS})`;

/** The seq range of a query; better-sqlite3 binds numbers as REAL and FTS5 uses INTEGER bounds only. */
const IN_RANGE = 'messages_fts.rowid BETWEEN CAST(@lo AS INTEGER) AND CAST(@hi AS INTEGER)';

/**
 * Hits ordered after the cursor's hit (by rank, then newest first). Every write to the store moves
 * every bm25 score (the document count is part of each), so the cursor's hit is found again and
 * the page continues after its rank as of now; its old rank serves only when the hit is gone.
 */
const AFTER_CURSOR = `, (SELECT coalesce((SELECT rank FROM ranked WHERE seq = @afterSeq), @afterRank) AS rank) AS anchor
  WHERE ranked.rank > anchor.rank OR (ranked.rank = anchor.rank AND ranked.seq < @afterSeq)`;

interface RankedRow {
  seq: number;
  rank: number;
}

interface WindowHit extends RankedRow {
  lo: number;
  hi: number;
}

type DetailRow = MessageRow & { snippet: string };
type Params = Record<string, string | number>;

/**
 * Full-text search over the store. Matches come in windows: the `rankWindow` newest matches at or
 * below the window's top seq, found by walking the index backwards and ranked with bm25 (ties:
 * newest first). A page continues the cursor's window after the cursor's hit, then takes older
 * windows until it is full. Snippets are made last, for the hits of the page only.
 *
 * Every step is one FTS5 query with all filters inside the MATCH expression and the seq range
 * (see search-plan.ts): no step reads the messages table per match.
 */
export class MessageSearch {
  readonly #window: number;
  readonly #newestSeq: Statement<[], { seq: number }>;
  readonly #newestWindow: Statement<[Params], RankedRow & { lo: number }>;
  readonly #rankedAfter: Statement<[Params], RankedRow>;
  readonly #detail: Statement<[Params], DetailRow>;
  readonly #details: Statement<[Params], DetailRow>;
  /** `#page` inside one read transaction: every step sees the same snapshot of the file. */
  readonly #readPage: (plan: SearchPlan, limit: number, fingerprint: string, cursor: SearchPosition | null) => SearchPage;

  constructor(db: Database, rankWindow = DEFAULT_RANK_WINDOW) {
    this.#window = rankWindow;
    this.#newestSeq = db.prepare('SELECT coalesce(max(seq), -1) AS seq FROM messages');
    // A new window in one pass: walk the matches newest first, scoring each, and stop after
    // window + 1; the extra one (if any) marks where the next window starts.
    this.#newestWindow = db.prepare(
      `WITH newest AS MATERIALIZED (
         SELECT messages_fts.rowid AS seq, ${RANK} AS rank FROM messages_fts WHERE messages_fts MATCH @match AND ${IN_RANGE}
          ORDER BY messages_fts.rowid DESC LIMIT @window + 1),
       edge AS (SELECT CASE WHEN count(*) > @window THEN min(seq) + 1 ELSE @lo END AS lo FROM newest)
       SELECT newest.seq AS seq, newest.rank AS rank, edge.lo AS lo FROM newest, edge
        WHERE newest.seq >= edge.lo ORDER BY newest.rank, newest.seq DESC LIMIT @limit`,
    );
    // The rest of a window a cursor points into: its bounds are known.
    this.#rankedAfter = db.prepare(
      `WITH ranked AS MATERIALIZED (
         SELECT messages_fts.rowid AS seq, ${RANK} AS rank FROM messages_fts WHERE messages_fts MATCH @match AND ${IN_RANGE})
       SELECT ranked.seq AS seq, ranked.rank AS rank FROM ranked ${AFTER_CURSOR}
        ORDER BY ranked.rank, ranked.seq DESC LIMIT @limit`,
    );
    const detail = `SELECT ${MESSAGE_COLUMNS}, ${SNIPPET} AS snippet FROM messages_fts JOIN messages AS m ON m.seq = messages_fts.rowid WHERE messages_fts MATCH @match`;
    this.#detail = db.prepare(`${detail} AND messages_fts.rowid = CAST(@seq AS INTEGER)`);
    // One pass over the page's seq range: each evaluation of a prefix term merges the doclists of
    // every word it covers, so a lookup per hit would merge them once per hit. The unary plus
    // keeps SQLite from turning the IN list into one FTS5 query per seq.
    this.#details = db.prepare(`${detail} AND ${IN_RANGE} AND +messages_fts.rowid IN (SELECT value FROM json_each(@seqs))`);
    this.#readPage = db.transaction((plan, limit, fingerprint, cursor) => this.#page(plan, limit, fingerprint, cursor));
  }

  search(query: SearchQuery): SearchPage {
    const limit = checkLimit(query.limit);
    const plan = planSearch(query);
    const fingerprint = searchFingerprint([plan.match, plan.lo, plan.hi]);
    const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : null;
    return this.#readPage(plan, limit, fingerprint, cursor);
  }

  #page(plan: SearchPlan, limit: number, fingerprint: string, cursor: SearchPosition | null): SearchPage {
    const found: WindowHit[] = [];
    // One more hit than asked for says whether there is a next page.
    const wanted = () => limit + 1 - found.length;
    // The first page pins the newest seq, so messages written meanwhile never slide into the pages
    // of a search already under way; a search started later sees them.
    let hi = cursor?.hi ?? Math.min(plan.hi, this.#newestSeq.get()!.seq);
    if (cursor) {
      const rows = this.#rankedAfter.all({ match: plan.match, lo: cursor.lo, hi, limit: wanted(), afterRank: cursor.rank, afterSeq: cursor.seq });
      for (const row of rows) found.push({ ...row, lo: cursor.lo, hi });
      hi = cursor.lo - 1;
    }
    while (found.length <= limit && hi >= plan.lo) {
      const rows = this.#newestWindow.all({ match: plan.match, lo: plan.lo, hi, window: this.#window, limit: wanted() });
      if (rows.length === 0) break;
      const lo = rows[0]!.lo;
      for (const { seq, rank } of rows) found.push({ seq, rank, lo, hi });
      hi = lo - 1;
    }
    const page = found.slice(0, limit);
    const last = found.length > limit ? page.at(-1) : undefined;
    return {
      hits: this.#hits(plan, page),
      nextCursor: last ? encodeCursor({ lo: last.lo, hi: last.hi, rank: last.rank, seq: last.seq, search: fingerprint }) : null,
    };
  }

  /** The page's messages with their snippets, in page order. */
  #hits(plan: SearchPlan, page: readonly RankedRow[]): SearchHit[] {
    if (page.length === 0) return [];
    const seqs = page.map((row) => row.seq);
    const rows = plan.hasPrefix
      ? this.#details.all({ match: plan.match, lo: Math.min(...seqs), hi: Math.max(...seqs), seqs: JSON.stringify(seqs) })
      : page.flatMap((row) => this.#detail.all({ match: plan.match, seq: row.seq }));
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    // Ranking and details read one snapshot, so every hit has its row; a missing one is left out.
    return page.flatMap((row) => {
      const detail = bySeq.get(row.seq);
      return detail ? [{ message: toStoredMessage(detail), snippet: detail.snippet, rank: row.rank }] : [];
    });
  }
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new GatewayError('invalid_input', `limit is a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  }
  return limit;
}
