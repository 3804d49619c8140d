/**
 * `pnpm bench:store`: builds a store of a million generated messages under /tmp, measures
 * ingestion, then full-text search against LIKE scans on the same data, and writes
 * docs/store-benchmark.md. Not part of the tests (minutes, and the numbers belong to one machine).
 *
 *   node --conditions=@wa/source --import tsx bench/store/run.ts [--messages N] [--dir DIR] [--keep] [--no-write]
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RANK_WINDOW, SqliteMessageStore } from '../../packages/store/src/index.js';
import { Corpus } from './corpus.js';
import { ingest } from './ingest.js';
import { DEFAULT_QUERY_PLAN, STOP_WORD_RANKS, buildQueries } from './queries.js';
import { renderMarkdown, targetLines, type StoreBenchResult } from './report.js';
import { runSearches } from './search-bench.js';
import { betterSqliteVersion, openReadConnection, readSizes } from './sqlite.js';
import { buildVocabulary } from './vocabulary.js';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    messages: { type: 'string', default: '1000000' },
    chats: { type: 'string', default: '200' },
    dir: { type: 'string', default: '/tmp/wa-store-bench' },
    out: { type: 'string', default: join(REPO_ROOT, 'docs/store-benchmark.md') },
    keep: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});

const say = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const total = Number(values.messages);
const chats = Number(values.chats);
const vocabularySize = 40_000;
const dir = resolve(values.dir);
const path = join(dir, 'messages.db');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

say(`generating and storing ${total.toLocaleString('en-US')} messages in ${path}`);
const vocabulary = buildVocabulary(vocabularySize);
const corpus = new Corpus({ messages: total, chats, vocabulary, start: Math.floor(Date.UTC(2024, 0, 1) / 1000) });
let store = new SqliteMessageStore(path);
await store.upsertChats(corpus.chats);
const ingestion = await ingest(store, corpus, total, say);
await store.close();
const fileBytes = statSync(path).size;
const sizes = readSizes(path);

say('searching');
store = new SqliteMessageStore(path);
const db = openReadConnection(path);
const queries = buildQueries(vocabulary, db, DEFAULT_QUERY_PLAN);
const search = await runSearches(store, db, queries, say);
const share = (word: string) =>
  (db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(`{body_in body_out} : "${word}"`) as { n: number }).n / total;
const wordShares = { top: share(vocabulary[0]!), lastStop: share(vocabulary[STOP_WORD_RANKS - 1]!), firstContent: share(vocabulary[STOP_WORD_RANKS]!) };
const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
db.close();
await store.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });

const result: StoreBenchResult = {
  machine: {
    date: new Date().toISOString().slice(0, 10),
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite,
    betterSqlite3: betterSqliteVersion(),
    os: `${type()} ${release()}`,
    dbPath: dir,
  },
  messages: total,
  chats,
  vocabulary: vocabularySize,
  rankWindow: DEFAULT_RANK_WINDOW,
  ingest: ingestion,
  fileBytes,
  sizes,
  search,
  queryPlan: DEFAULT_QUERY_PLAN,
  wordShares,
  totalSeconds: (performance.now() - started) / 1000,
};

for (const line of targetLines(result)) say(line);
if (!values['no-write']) {
  writeFileSync(values.out, renderMarkdown(result));
  say(`wrote ${values.out}`);
}
