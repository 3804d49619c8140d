import type { SqliteMessageStore } from '../../packages/store/src/index.js';
import { likeStatement, type BenchQuery, type QueryClass } from './queries.js';
import type { ReadConnection } from './sqlite.js';
import { timed, timedAsync } from './stats.js';

export const PAGE_SIZE = 20;

export interface QueryTiming {
  query: BenchQuery;
  ftsMs: number;
  ftsHits: number;
  likeMs: number;
  likeHits: number;
}

export interface SearchResult {
  timings: QueryTiming[];
  /** Pages 2 and 3 of the queries that have them, read with the cursor. */
  laterPagesMs: number[];
}

function toSearch(query: BenchQuery, cursor?: string) {
  const { kind: _kind, like: _like, ...filters } = query;
  return { ...filters, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}

/** Runs every query through the store (first page, with snippets), then as a LIKE scan. */
export async function runSearches(store: SqliteMessageStore, db: ReadConnection, queries: readonly BenchQuery[], progress: (line: string) => void): Promise<SearchResult> {
  // Warm-up: the first statements of each shape are prepared and the hot pages are read.
  for (const query of queries.slice(0, 20)) await store.search(toSearch(query));

  const fts: Array<{ ms: number; hits: number; cursor: string | null }> = [];
  for (const query of queries) {
    const { ms, result } = await timedAsync(() => store.search(toSearch(query)));
    fts.push({ ms, hits: result.hits.length, cursor: result.nextCursor });
  }
  progress(`  ${queries.length} full-text searches done`);

  const laterPagesMs: number[] = [];
  for (const [index, first] of fts.entries()) {
    let cursor = first.cursor;
    for (let page = 2; page <= 3 && cursor; page += 1) {
      const { ms, result } = await timedAsync(() => store.search(toSearch(queries[index]!, cursor!)));
      laterPagesMs.push(ms);
      cursor = result.nextCursor;
    }
  }

  const timings: QueryTiming[] = [];
  for (const [index, query] of queries.entries()) {
    const { sql, params } = likeStatement(query);
    const statement = db.prepare(sql);
    const { ms, result } = timed(() => statement.all(...params));
    timings.push({ query, ftsMs: fts[index]!.ms, ftsHits: fts[index]!.hits, likeMs: ms, likeHits: result.length });
  }
  progress(`  ${queries.length} LIKE scans done`);
  return { timings, laterPagesMs };
}

export function byClass(timings: readonly QueryTiming[], kind: QueryClass | 'all' | 'content'): QueryTiming[] {
  if (kind === 'all') return [...timings];
  if (kind === 'content') return timings.filter((t) => t.query.kind !== 'stop word');
  return timings.filter((t) => t.query.kind === kind);
}
