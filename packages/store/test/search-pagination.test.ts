import type { SearchQuery } from '@wa/core';
import { describe, expect, it } from 'vitest';
import type { SqliteMessageStore } from '../src/index.js';
import { ALICE, BOB, message, openStore } from './support.js';

/** Reads every page; returns the hits' ids in page order and how many pages it took. */
async function readAll(store: SqliteMessageStore, query: Omit<SearchQuery, 'cursor'>, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  const ranks: number[][] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await store.search({ ...query, ...(cursor ? { cursor } : {}) });
    pages += 1;
    expect(page.hits.length, `page ${pages}`).toBeLessThanOrEqual(query.limit);
    if (page.nextCursor) expect(page.hits).toHaveLength(query.limit);
    ids.push(...page.hits.map((hit) => hit.message.id));
    ranks.push(page.hits.map((hit) => hit.rank));
    cursor = page.nextCursor;
    if (cursor && between) await between(pages);
  } while (cursor && pages < 1000);
  return { ids, pages, ranks };
}

/** Bodies of varied length and repetition, so ranks differ and some tie. */
function varied(count: number, extra: Partial<Parameters<typeof message>[0]> = {}) {
  return Array.from({ length: count }, (_, i) => message({ body: `${'needle '.repeat(1 + (i % 4))}${'hay '.repeat(i % 7)}end ${i}`, ...extra }));
}

describe('search pagination', () => {
  it('walks more than three pages of one window without repeating or skipping a hit', async () => {
    const store = openStore();
    const messages = varied(47);
    await store.upsertMessages([...messages, message({ body: 'no match here' })]);
    const { ids, pages, ranks } = await readAll(store, { text: 'needle', limit: 10 });
    expect(pages).toBe(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(messages.map((m) => m.id).sort());
    const flat = ranks.flat();
    expect(flat).toEqual([...flat].sort((a, b) => a - b));
  });

  it('gives the same pages as one large page', async () => {
    const store = openStore();
    await store.upsertMessages(varied(60));
    const whole = await store.search({ text: 'needle hay', limit: 1000 });
    const { ids } = await readAll(store, { text: 'needle hay', limit: 7 });
    expect(ids).toEqual(whole.hits.map((hit) => hit.message.id));
  });

  it('walks many rank windows, newest window first, and covers every match once', async () => {
    const store = openStore({ rankWindow: 9 });
    const messages = varied(100);
    await store.upsertMessages(messages);
    const { ids, pages } = await readAll(store, { text: 'needle', limit: 4 });
    expect(pages).toBe(25);
    expect(new Set(ids).size).toBe(100);
    // Windows come newest first: the first 9 hits are the 9 newest messages.
    const newest = messages.slice(-9).map((m) => m.id).sort();
    expect(ids.slice(0, 9).sort()).toEqual(newest);
  });

  it('covers every match once when filters checked per row thin out the windows', async () => {
    const store = openStore({ rankWindow: 5 });
    const mine = varied(30, { chatId: BOB, fromMe: true });
    await store.upsertMessages([...varied(40, { chatId: BOB }), ...mine, ...varied(30, { chatId: ALICE, fromMe: true })]);
    const { ids } = await readAll(store, { text: 'needle', limit: 3, chatId: BOB, direction: 'out' });
    expect([...ids].sort()).toEqual(mine.map((m) => m.id).sort());
  });

  it('loses and repeats nothing while messages arrive between pages', async () => {
    const store = openStore({ rankWindow: 8 });
    const messages = varied(40);
    await store.upsertMessages(messages);
    const late: string[] = [];
    const { ids } = await readAll(store, { text: 'needle', limit: 5 }, async (page) => {
      // Every write moves every bm25 score; matching and unrelated messages alike.
      const batch = [message({ body: `needle arriving late ${page}` }), message({ body: `unrelated chatter ${page}` })];
      late.push(batch[0]!.id);
      await store.upsertMessages(batch);
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !late.includes(id)).sort()).toEqual(messages.map((m) => m.id).sort());
    // A search started before they arrived does not show them; a new one does.
    expect(ids.some((id) => late.includes(id))).toBe(false);
    expect((await store.search({ text: 'arriving', limit: 100 })).hits).toHaveLength(late.length);
  });

  it('ends with a null cursor, also when the last page is exactly full', async () => {
    const store = openStore();
    await store.upsertMessages(varied(20));
    const first = await store.search({ text: 'needle', limit: 10 });
    const second = await store.search({ text: 'needle', limit: 10, cursor: first.nextCursor! });
    expect(second.hits).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    expect((await store.search({ text: 'absent', limit: 10 })).nextCursor).toBeNull();
  });

  it('refuses a cursor from another search, and one it never made, as invalid_input', async () => {
    const store = openStore();
    await store.upsertMessages(varied(20));
    const { nextCursor } = await store.search({ text: 'needle', limit: 5 });
    await expect(store.search({ text: 'hay', limit: 5, cursor: nextCursor! })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(store.search({ text: 'needle', limit: 5, chatId: BOB, cursor: nextCursor! })).rejects.toMatchObject({ code: 'invalid_input' });
    for (const cursor of ['garbage', 'e30', Buffer.from('[1,0,0,"x",0,"y"]').toString('base64url')]) {
      await expect(store.search({ text: 'needle', limit: 5, cursor })).rejects.toMatchObject({ code: 'invalid_input' });
    }
    // The same search with another page size continues where the cursor points.
    expect((await store.search({ text: 'needle', limit: 3, cursor: nextCursor! })).hits).toHaveLength(3);
  });
});
