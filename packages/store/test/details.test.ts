import { describe, expect, it } from 'vitest';
import { ALICE, GROUP, BOB, message, openStore } from './support.js';

const media = { mimetype: 'image/jpeg', filename: 'beach.jpg', size: 48_213 };
const location = { latitude: 38.7223, longitude: -9.1393, name: 'Praça do Comércio', address: 'Lisboa' };

describe('message details (quote, mentions, media metadata, location)', () => {
  it('are stored and read back in the shape the driver reports, everywhere the store reads', async () => {
    const store = openStore();
    const rich = message({ chatId: GROUP, body: 'look @15551110002', quotedMessageId: 'false_x_QUOTED', mentions: [BOB], media, hasMedia: true, type: 'image' });
    const place = message({ chatId: GROUP, body: '', type: 'location', location });
    await store.upsertMessages([rich, place]);
    const [first, second] = await store.readMessages(GROUP, 10);
    expect(first).toEqual({ ...rich, editedAt: null, revokedAt: null });
    expect(second).toEqual({ ...place, editedAt: null, revokedAt: null });
    expect((await store.context(rich.id, 0, 0))!.target).toEqual(first);
    expect((await store.exportChat(GROUP)).messages).toEqual([first, second]);
    expect((await store.search({ text: 'look', limit: 5 })).hits[0]!.message).toEqual(first);
    const { chatId: _chatId, ...asReported } = place;
    expect((await store.getChat(GROUP))!.lastMessage).toEqual(asReported);
  });

  it('read back as none for a message without them, whatever the driver left out', async () => {
    const store = openStore();
    const { quotedMessageId: _q, mentions: _m, media: _media, location: _l, ...bare } = message({ body: 'plain' });
    await store.upsertMessages([bare]);
    expect((await store.readMessages(ALICE, 1))[0]).toMatchObject({ quotedMessageId: null, mentions: [], media: null, location: null });
  });

  it('keep only the declared fields', async () => {
    const store = openStore();
    const noisy = message({ media: { ...media, mediaKey: 'secret', size: 12.7 } as typeof media, location: { ...location, url: 'x' } as typeof location });
    await store.upsertMessages([noisy]);
    const [stored] = await store.readMessages(ALICE, 1);
    expect(stored!.media).toEqual({ ...media, size: 12 });
    expect(stored!.location).toEqual(location);
  });

  it('are ingested idempotently: a repeat adds nothing and changes nothing', async () => {
    const store = openStore();
    const rich = message({ quotedMessageId: 'q', mentions: [BOB, GROUP], media, hasMedia: true, location });
    expect(await store.upsertMessages([rich])).toBe(1);
    const before = await store.readMessages(ALICE, 5);
    expect(await store.upsertMessages([rich, { ...rich }])).toBe(0);
    expect(await store.readMessages(ALICE, 5)).toEqual(before);
  });

  it('are never erased by a later report that lacks them, and follow one that changes them', async () => {
    const store = openStore();
    const rich = message({ quotedMessageId: 'q', mentions: [BOB], media, hasMedia: true });
    await store.upsertMessages([rich]);
    await store.upsertMessages([{ ...rich, quotedMessageId: null, mentions: [], media: null, location: null }]);
    expect((await store.readMessages(ALICE, 1))[0]).toMatchObject({ quotedMessageId: 'q', mentions: [BOB], media });
    await store.upsertMessages([{ ...rich, media: { ...media, size: 50_000 }, mentions: [GROUP] }]);
    expect((await store.readMessages(ALICE, 1))[0]).toMatchObject({ quotedMessageId: 'q', mentions: [GROUP], media: { ...media, size: 50_000 } });
  });
});
