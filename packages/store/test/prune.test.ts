import { describe, expect, it } from 'vitest';
import { ALICE, BOB, message, openStore } from './support.js';

describe('prune', () => {
  it('deletes messages older than the cutoff, from history and from search, and counts them', async () => {
    const store = openStore({ pruneBatchSize: 3 });
    const old = Array.from({ length: 10 }, (_, i) => message({ body: `ancient word ${i}`, timestamp: 1000 + i }));
    const kept = [message({ body: 'recent word', timestamp: 5000 }), message({ chatId: BOB, body: 'recent word too', timestamp: 5001 })];
    await store.upsertMessages([...old, ...kept]);
    expect(await store.prune(1005)).toBe(5);
    expect(await store.prune(2000)).toBe(5);
    expect(await store.prune(2000)).toBe(0);
    expect((await store.readMessages(ALICE, 100)).map((m) => m.body)).toEqual(['recent word']);
    expect((await store.search({ text: 'ancient', limit: 100 })).hits).toHaveLength(0);
    expect((await store.search({ text: 'word', limit: 100 })).hits).toHaveLength(2);
  });

  it('keeps the chats and their last activity', async () => {
    const store = openStore();
    await store.upsertMessages([message({ timestamp: 1000 })]);
    await store.prune(2000);
    expect(await store.getChat(ALICE)).toMatchObject({ id: ALICE, timestamp: 1000, lastMessage: null });
    expect(await store.readMessages(ALICE, 10)).toEqual([]);
  });

  it('refuses messages older than the cutoff from then on, so a backfill cannot bring them back', async () => {
    const store = openStore();
    const gone = message({ body: 'comes back', timestamp: 1000 });
    const kept = message({ body: 'still here', timestamp: 2000 });
    await store.upsertMessages([gone, kept]);
    await store.prune(2000);
    const late = message({ chatId: BOB, body: 'old news', timestamp: 1999 });
    const fresh = message({ body: 'new words', timestamp: 2500 });
    expect(await store.newMessageIds([gone, kept, late, fresh])).toEqual(new Set([fresh.id]));
    expect(await store.upsertMessages([gone, kept, late, fresh])).toBe(1);
    expect((await store.readMessages(ALICE, 10)).map((m) => m.body)).toEqual(['still here', 'new words']);
    expect(await store.getChat(BOB)).toBeNull();
    expect((await store.search({ text: 'comes back', limit: 5 })).hits).toHaveLength(0);
  });

  it('follows the cutoff of the latest prune', async () => {
    const store = openStore();
    await store.prune(2000);
    await store.prune(1000);
    expect(await store.upsertMessages([message({ timestamp: 1500 })])).toBe(1);
  });
});
