import { describe, expect, it } from 'vitest';
import { ALICE, BOB, message, openStore } from './support.js';

describe('ingestion', () => {
  it('counts only new messages and keeps one row per id', async () => {
    const store = openStore();
    const batch = [message({ body: 'one' }), message({ body: 'two' }), message({ body: 'three' })];
    expect(await store.upsertMessages(batch)).toBe(3);
    expect(await store.upsertMessages(batch)).toBe(0);
    expect(await store.upsertMessages([...batch, message({ body: 'four' })])).toBe(1);
    expect(await store.readMessages(ALICE, 10)).toHaveLength(4);
  });

  it('counts a message repeated inside one batch once', async () => {
    const store = openStore();
    const first = message({ body: 'twice' });
    expect(await store.upsertMessages([first, { ...first }])).toBe(1);
    expect((await store.search({ text: 'twice', limit: 10 })).hits).toHaveLength(1);
  });

  it('accepts an empty batch', async () => {
    expect(await openStore().upsertMessages([])).toBe(0);
  });

  it('refreshes a message reported again, and its search entry', async () => {
    const store = openStore();
    const original = message({ body: 'draft wording' });
    await store.upsertMessages([original]);
    await store.upsertMessages([{ ...original, body: 'final wording', hasMedia: true }]);
    const [stored] = await store.readMessages(ALICE, 1);
    expect(stored).toMatchObject({ body: 'final wording', hasMedia: true });
    expect((await store.search({ text: 'draft', limit: 10 })).hits).toHaveLength(0);
    expect((await store.search({ text: 'final', limit: 10 })).hits).toHaveLength(1);
  });

  it('never lets an empty report erase stored text (a revoked message seen again by a backfill)', async () => {
    const store = openStore();
    const original = message({ body: 'what was said' });
    await store.upsertMessages([original]);
    await store.upsertMessages([{ ...original, type: 'revoked', body: '' }]);
    const [stored] = await store.readMessages(ALICE, 1);
    expect(stored).toMatchObject({ body: 'what was said', type: 'chat' });
  });

  it('keeps messages that share one second in arrival order', async () => {
    const store = openStore();
    const same = 1_700_000_500;
    await store.upsertMessages([message({ body: 'first', timestamp: same }), message({ body: 'second', timestamp: same })]);
    await store.upsertMessages([message({ body: 'third', timestamp: same })]);
    expect((await store.readMessages(ALICE, 10)).map((m) => m.body)).toEqual(['first', 'second', 'third']);
  });

  it('stores old messages written late (a backfill) in time order', async () => {
    const store = openStore();
    await store.upsertMessages([message({ body: 'new', timestamp: 2000 })]);
    await store.upsertMessages([message({ body: 'old', timestamp: 1000 })]);
    expect((await store.readMessages(ALICE, 10)).map((m) => m.body)).toEqual(['old', 'new']);
  });

  it('stores a message with a malformed timestamp at 0 instead of failing its batch', async () => {
    const store = openStore();
    expect(await store.upsertMessages([message({ body: 'fine' }), message({ body: 'odd', timestamp: Number.NaN })])).toBe(2);
    expect((await store.readMessages(ALICE, 10)).map((m) => [m.body, m.timestamp > 0])).toEqual([
      ['odd', false],
      ['fine', true],
    ]);
  });

  it('creates a placeholder chat for messages of a chat it has not seen', async () => {
    const store = openStore();
    await store.upsertMessages([message({ chatId: BOB, body: 'hi', timestamp: 1234 })]);
    expect(await store.getChat(BOB)).toMatchObject({ id: BOB, name: '15551110002', isGroup: false, timestamp: 1234 });
  });

  it('writes thousands of messages per call in one transaction', async () => {
    const store = openStore();
    const batch = Array.from({ length: 5000 }, (_, i) => message({ body: `bulk message number ${i}` }));
    expect(await store.upsertMessages(batch)).toBe(5000);
    expect(await store.upsertMessages(batch)).toBe(0);
    expect((await store.exportChat(ALICE)).messages).toHaveLength(5000);
  });
});
