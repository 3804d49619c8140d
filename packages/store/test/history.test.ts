import { describe, expect, it } from 'vitest';
import { ALICE, BOB, GROUP, chat, message, openStore } from './support.js';

describe('reading history', () => {
  it('reads the last messages of a chat before a time, oldest first', async () => {
    const store = openStore();
    await store.upsertMessages([10, 20, 30, 40, 50].map((timestamp) => message({ body: `at ${timestamp}`, timestamp })));
    await store.upsertMessages([message({ chatId: BOB, timestamp: 35 })]);
    expect((await store.readMessages(ALICE, 2)).map((m) => m.timestamp)).toEqual([40, 50]);
    expect((await store.readMessages(ALICE, 2, 40)).map((m) => m.timestamp)).toEqual([20, 30]);
    expect((await store.readMessages(ALICE, 10, 10))).toEqual([]);
    expect(await store.readMessages(ALICE, 0)).toEqual([]);
    expect(await store.readMessages('unknown@c.us', 5)).toEqual([]);
  });

  it('knows the newest timestamp ever stored for each chat, pruned messages included', async () => {
    const store = openStore();
    expect(await store.latestTimestamp(ALICE)).toBeNull();
    await store.upsertMessages([message({ timestamp: 300 }), message({ timestamp: 100 }), message({ chatId: BOB, timestamp: 50 })]);
    await store.upsertChats([chat({ id: GROUP, timestamp: 999 })]);
    expect(await store.latestTimestamp(ALICE)).toBe(300);
    await store.prune(1000);
    expect(await store.latestTimestamp(ALICE)).toBe(300);
    expect(await store.latestTimestamps()).toEqual(new Map([[ALICE, 300], [BOB, 50]]));
  });

  it('tells which messages are new by id, also within one second', async () => {
    const store = openStore();
    const stored = message({ timestamp: 500 });
    await store.upsertMessages([stored]);
    const sameSecond = message({ timestamp: 500 });
    expect(await store.newMessageIds([stored, sameSecond, { id: 'other', timestamp: 1 }])).toEqual(new Set([sameSecond.id, 'other']));
  });

  it('gives N messages around one message of the same chat', async () => {
    const store = openStore();
    const messages = [1, 2, 3, 4, 5, 6, 7].map((timestamp) => message({ body: `m${timestamp}`, timestamp }));
    await store.upsertMessages([...messages, message({ chatId: BOB, body: 'elsewhere', timestamp: 4 })]);
    const context = await store.context(messages[3]!.id, 2, 10);
    expect(context!.target.body).toBe('m4');
    expect(context!.before.map((m) => m.body)).toEqual(['m2', 'm3']);
    expect(context!.after.map((m) => m.body)).toEqual(['m5', 'm6', 'm7']);
    const edge = await store.context(messages[0]!.id, 5, 0);
    expect(edge).toMatchObject({ before: [], after: [] });
    expect(await store.context('missing', 2, 2)).toBeNull();
  });

  it('orders messages of one second by arrival in context too', async () => {
    const store = openStore();
    const same = [message({ body: 'a', timestamp: 9 }), message({ body: 'b', timestamp: 9 }), message({ body: 'c', timestamp: 9 })];
    await store.upsertMessages(same);
    const context = await store.context(same[1]!.id, 5, 5);
    expect(context!.before.map((m) => m.body)).toEqual(['a']);
    expect(context!.after.map((m) => m.body)).toEqual(['c']);
  });

  it('exports one chat, every message oldest first, with the chat', async () => {
    const store = openStore();
    await store.upsertChats([chat({ name: 'Alice' })]);
    await store.upsertMessages([message({ timestamp: 2 }), message({ timestamp: 1 }), message({ chatId: BOB })]);
    const exported = await store.exportChat(ALICE);
    expect(exported.chat).toMatchObject({ id: ALICE, name: 'Alice' });
    expect(exported.messages.map((m) => m.timestamp)).toEqual([1, 2]);
    expect(await store.exportChat('unknown@c.us')).toEqual({ chat: null, messages: [] });
  });

  it('records an edit: new body, edit time, and the search index follows', async () => {
    const store = openStore();
    const original = message({ body: 'see you at 5' });
    await store.upsertMessages([original]);
    await store.markEdited(original.id, 'see you at 6 instead', 1_700_000_100);
    const [stored] = await store.readMessages(ALICE, 1);
    expect(stored).toMatchObject({ body: 'see you at 6 instead', editedAt: 1_700_000_100, revokedAt: null });
    expect((await store.search({ text: '"at 5"', limit: 5 })).hits).toHaveLength(0);
    expect((await store.search({ text: 'instead', limit: 5 })).hits).toHaveLength(1);
    await store.markEdited('missing', 'nothing', 1);
  });

  it('records a revoke and keeps the body', async () => {
    const store = openStore();
    const original = message({ body: 'oops, wrong chat' });
    await store.upsertMessages([original]);
    await store.markRevoked(original.id, 1_700_000_200);
    await store.markRevoked(original.id, 1_700_000_300);
    const [stored] = await store.readMessages(ALICE, 1);
    expect(stored).toMatchObject({ body: 'oops, wrong chat', revokedAt: 1_700_000_200 });
  });
});

describe('chats', () => {
  it('lists chats by most recent activity, with unread counts and last messages as stored', async () => {
    const store = openStore();
    const reported = message({ chatId: BOB, body: 'reported by the driver', timestamp: 500 });
    await store.upsertChats([
      chat({ id: ALICE, name: 'Alice', timestamp: 100, unreadCount: 1 }),
      chat({ id: BOB, name: 'Bob', timestamp: 500, unreadCount: 3, lastMessage: reported }),
      chat({ id: GROUP, name: 'Team', isGroup: true, timestamp: 200, pinned: true }),
    ]);
    await store.upsertMessages([message({ chatId: ALICE, body: 'newest of all', timestamp: 900 })]);
    const chats = await store.listChats(10);
    expect(chats.map((c) => [c.id, c.timestamp, c.unreadCount])).toEqual([
      [ALICE, 900, 1],
      [BOB, 500, 3],
      [GROUP, 200, 0],
    ]);
    expect(chats[0]!.lastMessage).toMatchObject({ body: 'newest of all', timestamp: 900 });
    expect(chats[0]!.lastMessage).not.toHaveProperty('chatId');
    expect(chats[1]!.lastMessage).toEqual(reported);
    expect(chats[2]).toMatchObject({ name: 'Team', isGroup: true, pinned: true, lastMessage: null });
    expect(await store.listChats(1)).toHaveLength(1);
  });

  it('updates a chat reported again, keeping what the new report does not know', async () => {
    const store = openStore();
    await store.upsertChats([chat({ name: 'Alice', timestamp: 100, lastMessage: message({ body: 'hi', timestamp: 100 }) })]);
    await store.upsertChats([chat({ name: 'Alice Smith', timestamp: null, unreadCount: 4, lastMessage: null })]);
    expect(await store.getChat(ALICE)).toMatchObject({ name: 'Alice Smith', timestamp: 100, unreadCount: 4, lastMessage: { body: 'hi' } });
    expect(await store.getChat('unknown@c.us')).toBeNull();
  });

  it('keeps unread counts as the driver reports them, for chats known or not', async () => {
    const store = openStore();
    await store.upsertChats([chat({ id: ALICE, unreadCount: 2, timestamp: 100 })]);
    await store.setUnreadCount(ALICE, 5);
    await store.setUnreadCount(BOB, 1);
    expect(await store.getChat(ALICE)).toMatchObject({ unreadCount: 5, timestamp: 100, name: 'Alice' });
    expect(await store.getChat(BOB)).toMatchObject({ unreadCount: 1, name: '15551110002', isGroup: false, timestamp: null });
    await store.setUnreadCount(ALICE, 0);
    expect((await store.listChats(10)).map((c) => [c.id, c.unreadCount])).toEqual([
      [ALICE, 0],
      [BOB, 1],
    ]);
  });

  it('moves a chat to the top with its newest message when one arrives', async () => {
    const store = openStore();
    await store.upsertChats([chat({ id: ALICE, timestamp: 100 }), chat({ id: BOB, name: 'Bob', timestamp: 200 })]);
    const live = message({ chatId: ALICE, body: 'just now', timestamp: 300, quotedMessageId: 'q1' });
    await store.upsertMessages([live]);
    const [first] = await store.listChats(1);
    expect(first).toMatchObject({ id: ALICE, timestamp: 300 });
    const { chatId: _chatId, ...asReported } = live;
    expect(first!.lastMessage).toEqual(asReported);
  });

  it('names a chat known only from its messages after its contact, else its id, until the driver lists it', async () => {
    const store = openStore();
    await store.upsertMessages([message({ chatId: BOB, timestamp: 8 })]);
    await store.upsertContacts([{ id: BOB, number: '15551110002', name: null, pushname: 'Bobby', isMyContact: false, isBusiness: false, isBlocked: false }]);
    expect(await store.getChat(BOB)).toMatchObject({ name: 'Bobby' });
  });

  it('names a chat known only from its messages after its id until the driver lists it', async () => {
    const store = openStore();
    await store.upsertMessages([message({ chatId: GROUP, timestamp: 7 })]);
    expect(await store.getChat(GROUP)).toMatchObject({ id: GROUP, name: '120363000000000001', isGroup: true, timestamp: 7 });
    await store.upsertChats([chat({ id: GROUP, name: 'Team', isGroup: true })]);
    expect(await store.getChat(GROUP)).toMatchObject({ name: 'Team', timestamp: 7 });
  });
});
