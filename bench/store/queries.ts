import { Random } from './random.js';
import type { ReadConnection } from './sqlite.js';

export const QUERY_CLASSES = ['word', 'two words', 'phrase', 'prefix', 'word + filter', 'stop word'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface BenchQuery {
  kind: QueryClass;
  text: string;
  chatId?: string;
  sender?: string;
  direction?: 'in' | 'out';
  since?: number;
  until?: number;
  type?: string;
  /** The same search as LIKE patterns on `body` (all must match). */
  like: string[];
}

/**
 * The most frequent words: function words a person rarely searches for ("the", "de", "que"),
 * measured on their own, alone and as phrases made only of them ("the e", "de que").
 */
export const STOP_WORD_RANKS = 30;

export interface QueryPlan {
  counts: Record<QueryClass, number>;
  /** Share of queries (half) restricted to one chat, picked by activity like a person would. */
  chatShare: number;
  /** Share of word and prefix queries typed without their diacritics ("reuniao" for "reunião"). */
  foldShare: number;
}

export const DEFAULT_QUERY_PLAN: QueryPlan = {
  counts: { word: 100, 'two words': 80, phrase: 80, prefix: 80, 'word + filter': 40, 'stop word': 30 },
  chatShare: 0.5,
  foldShare: 0.3,
};

const strip = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * A seeded, varied query set. Content words are drawn log-uniformly over vocabulary ranks
 * STOP_WORD_RANKS..end, so each decade of frequency (words in a few % of messages down to words
 * in a handful) gets the same share; phrases are 2-3 consecutive words of a stored message with at
 * least one content word; prefixes are 3-5 letters of a content word; chats and senders are those
 * of stored messages.
 */
export function buildQueries(vocabulary: readonly string[], db: ReadConnection, plan: QueryPlan = DEFAULT_QUERY_PLAN, seed = 99): BenchQuery[] {
  const random = new Random(seed);
  const bounds = db.prepare('SELECT min(seq) AS lo, max(seq) AS hi FROM messages').get() as { lo: number; hi: number };
  const sampleRow = db.prepare(`SELECT body, chat_id, sender, timestamp FROM messages WHERE seq >= CAST(? AS INTEGER) AND type = 'chat' LIMIT 1`);
  const sample = () => sampleRow.get(bounds.lo + Math.floor(random.next() * (bounds.hi - bounds.lo))) as { body: string; chat_id: string; sender: string; timestamp: number };
  const contentWord = () => vocabulary[Math.floor(Math.exp(Math.log(STOP_WORD_RANKS) + random.next() * (Math.log(vocabulary.length) - Math.log(STOP_WORD_RANKS))))]!;
  const maybeFold = (word: string) => (random.chance(plan.foldShare) ? strip(word) : word);
  const chatFilter = (): Pick<BenchQuery, 'chatId'> => (random.chance(plan.chatShare) ? { chatId: sample().chat_id } : {});

  const queries: BenchQuery[] = [];
  for (let i = 0; i < plan.counts.word; i += 1) {
    const word = maybeFold(contentWord());
    queries.push({ kind: 'word', text: word, like: [word], ...chatFilter() });
  }
  for (let i = 0; i < plan.counts['two words']; i += 1) {
    const words = [maybeFold(contentWord()), maybeFold(contentWord())];
    queries.push({ kind: 'two words', text: words.join(' '), like: words, ...chatFilter() });
  }
  const rankOf = new Map(vocabulary.map((word, rank) => [word, rank]));
  const isStop = (word: string) => (rankOf.get(word) ?? Number.MAX_SAFE_INTEGER) < STOP_WORD_RANKS;
  /** 2-3 consecutive words of a stored message, with at least one content word or (stop) only stop words. */
  const phrase = (stop: boolean): { text: string; chatId: string } => {
    for (;;) {
      const row = sample();
      const words = row.body.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()).filter(Boolean);
      const length = Math.min(words.length, random.int(2, 3));
      if (length < 2) continue;
      const start = random.int(0, words.length - length);
      const picked = words.slice(start, start + length);
      if (picked.every(isStop) === stop) return { text: picked.join(' '), chatId: row.chat_id };
    }
  };
  for (let i = 0; i < plan.counts.phrase; i += 1) {
    const { text, chatId } = phrase(false);
    queries.push({ kind: 'phrase', text: `"${text}"`, like: [text], ...(random.chance(plan.chatShare) ? { chatId } : {}) });
  }
  for (let i = 0; i < plan.counts.prefix; i += 1) {
    let word = contentWord();
    while ([...word].length < 5) word = contentWord();
    const prefix = maybeFold([...word].slice(0, random.int(3, 5)).join(''));
    queries.push({ kind: 'prefix', text: `${prefix}*`, like: [prefix], ...chatFilter() });
  }
  for (let i = 0; i < plan.counts['word + filter']; i += 1) {
    const word = maybeFold(contentWord());
    const row = sample();
    const filter: Partial<BenchQuery> =
      i % 4 === 0 ? { since: row.timestamp - 45 * 86_400, until: row.timestamp + 45 * 86_400 }
      : i % 4 === 1 ? { direction: random.chance(0.5) ? 'in' : 'out' }
      : i % 4 === 2 ? { sender: row.sender }
      : { type: 'image' };
    queries.push({ kind: 'word + filter', text: word, like: [word], ...filter });
  }
  for (let i = 0; i < plan.counts['stop word']; i += 1) {
    if (i % 3 === 2) {
      const { text, chatId } = phrase(true);
      queries.push({ kind: 'stop word', text: `"${text}"`, like: [text], ...(random.chance(plan.chatShare) ? { chatId } : {}) });
    } else {
      const word = vocabulary[random.int(0, STOP_WORD_RANKS - 1)]!;
      queries.push({ kind: 'stop word', text: word, like: [word], ...chatFilter() });
    }
  }
  return queries;
}

/** The LIKE scan a store without full-text search would run for the same query: newest 20 matches. */
export function likeStatement(query: BenchQuery): { sql: string; params: unknown[] } {
  const where = query.like.map(() => 'body LIKE ?');
  const params: unknown[] = query.like.map((text) => `%${text}%`);
  if (query.chatId !== undefined) (where.push('chat_id = ?'), params.push(query.chatId));
  if (query.sender !== undefined) (where.push('sender = ?'), params.push(query.sender));
  if (query.direction !== undefined) where.push(`from_me = ${query.direction === 'out' ? 1 : 0}`);
  if (query.since !== undefined) (where.push('timestamp >= ?'), params.push(query.since));
  if (query.until !== undefined) (where.push('timestamp <= ?'), params.push(query.until));
  if (query.type !== undefined) (where.push('type = ?'), params.push(query.type));
  return { sql: `SELECT seq FROM messages WHERE ${where.join(' AND ')} ORDER BY timestamp DESC LIMIT 20`, params };
}
