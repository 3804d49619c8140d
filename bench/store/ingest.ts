import type { Message } from '../../packages/core/src/index.js';
import type { SqliteMessageStore } from '../../packages/store/src/index.js';
import type { Corpus } from './corpus.js';
import { timedAsync } from './stats.js';

export interface IngestResult {
  messages: number;
  batchSize: number;
  /** Time spent inside `upsertMessages` only (generating the text is not counted). */
  seconds: number;
  perSecond: number;
  /** Messages per second over each successive tenth of the load: does it slow as the store grows? */
  perSecondByTenth: number[];
  /** One message per call, as live events arrive, on the full store. */
  live: { messages: number; perSecond: number };
  /** The last messages written again (a backfill that finds nothing new). */
  duplicates: { messages: number; perSecond: number; added: number };
}

/** Fills the store from the corpus in backfill-sized batches, then measures live and duplicate writes. */
export async function ingest(store: SqliteMessageStore, corpus: Corpus, total: number, progress: (line: string) => void): Promise<IngestResult> {
  const batchSize = 1000;
  const liveCount = 5000;
  const duplicateCount = 50_000;
  const bulk = total - liveCount;
  const tenth = Math.ceil(bulk / 10 / batchSize) * batchSize;
  const byTenth: number[] = [];
  let recent: Array<Message & { chatId: string }> = [];
  let seconds = 0;
  let sliceSeconds = 0;
  let sliceCount = 0;
  for (let written = 0; written < bulk; ) {
    const batch = corpus.next(Math.min(batchSize, bulk - written));
    const { ms } = await timedAsync(() => store.upsertMessages(batch));
    seconds += ms / 1000;
    sliceSeconds += ms / 1000;
    sliceCount += batch.length;
    written += batch.length;
    recent = recent.concat(batch).slice(-duplicateCount);
    if (sliceCount >= tenth || written === bulk) {
      byTenth.push(sliceCount / sliceSeconds);
      progress(`  ${written.toLocaleString('en-US')} messages, ${Math.round(sliceCount / sliceSeconds).toLocaleString('en-US')} msgs/s over the last ${sliceCount.toLocaleString('en-US')}`);
      sliceSeconds = 0;
      sliceCount = 0;
    }
  }

  const live = corpus.next(liveCount);
  let liveSeconds = 0;
  for (const message of live) liveSeconds += (await timedAsync(() => store.upsertMessages([message]))).ms / 1000;

  let duplicateSeconds = 0;
  let added = 0;
  for (let i = 0; i < recent.length; i += batchSize) {
    const { ms, result } = await timedAsync(() => store.upsertMessages(recent.slice(i, i + batchSize)));
    duplicateSeconds += ms / 1000;
    added += result;
  }

  return {
    messages: bulk,
    batchSize,
    seconds,
    perSecond: bulk / seconds,
    perSecondByTenth: byTenth,
    live: { messages: live.length, perSecond: live.length / liveSeconds },
    duplicates: { messages: recent.length, perSecond: recent.length / duplicateSeconds, added },
  };
}
