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
    expect(await store.latestTimestamp(ALICE)).toBeNull();
  });

  it('lets a pruned message be stored again as new', async () => {
    const store = openStore();
    const gone = message({ body: 'comes back', timestamp: 1000 });
    await store.upsertMessages([gone]);
    await store.prune(2000);
    expect(await store.upsertMessages([gone])).toBe(1);
    expect((await store.search({ text: 'comes back', limit: 5 })).hits).toHaveLength(1);
  });
});
