import { describe, expect, it, vi } from 'vitest';
import { createSandboxDriverFactory, SANDBOX_CONTACTS, SandboxWorld, type SandboxDriver } from '../drivers/sandbox/index.js';
import { EventLog, recordSessionEvents } from '../events/index.js';
import { Session } from '../session/index.js';
import { MemoryMessageStore } from '../../test/support/memory-message-store.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { History, type HistoryOptions } from './history.js';

function setup(options: Partial<HistoryOptions> = {}) {
  let now = Date.parse('2026-06-01T12:00:00Z');
  const world = new SandboxWorld({ now: () => now });
  world.linked = true;
  const factory = createSandboxDriverFactory({ linkDelayMs: 10, echoDelayMs: 10 }, world);
  const session = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 1000, callMs: 1000, readyWaitMs: 1000, shutdownMs: 500 } });
  const events = new EventLog({ capacity: 5000 });
  recordSessionEvents(session, events);
  const store = new MemoryMessageStore();
  const history = new History(store, session, events, silentLogger(), { listChats: 1000, chatsPerPass: 50, backfillMessages: 50, passPauseMs: 5, flushEveryMs: 5, ...options });
  history.start();
  const driver = () => factory.current as SandboxDriver;
  const received = (cursor: string) => events.since(cursor, { types: new Set(['message.received']) }, 1000).events;
  /** Starts the session and waits for the history to catch up. */
  const ready = async () => {
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
  };
  /** The browser goes away; returns the event cursor at that moment. */
  const disconnect = () => {
    driver().crash();
    return events.cursor;
  };
  return { world, session, events, store, history, driver, received, ready, disconnect, nowSeconds: () => Math.floor(now / 1000), advance: (seconds: number) => (now += seconds * 1000) };
}

const worldMessageCount = (world: SandboxWorld) => world.chatIds().reduce((sum, id) => sum + world.readMessages(id, 1000).length, 0);

describe('History', () => {
  it('imports every chat silently on first sight, with contacts, and becomes warm', async () => {
    const { world, store, events, history, ready } = setup();
    const cursor = events.cursor;
    await ready();
    expect(store.chats.size).toBe(world.chatIds().length);
    expect(store.messages.size).toBe(worldMessageCount(world));
    expect(events.since(cursor, { types: new Set(['message.received']) }).events).toEqual([]);
    await vi.waitFor(() => expect(history.contactsWarm).toBe(true));
    expect((await store.searchContacts('bobby', 5)).map((contact) => contact.id)).toEqual([SANDBOX_CONTACTS.bob]);
  });

  it('stores live messages, ours included, as they happen, and the chat follows', async () => {
    const { session, store, driver, ready, advance } = setup();
    await ready();
    advance(5);
    const sent = await session.call('send', (d) => d.sendText(SANDBOX_CONTACTS.alice, 'stored?'));
    driver().receive(SANDBOX_CONTACTS.bob, 'a live one');
    await vi.waitFor(() => expect([...store.messages.values()].map((m) => m.body)).toEqual(expect.arrayContaining(['stored?', 'a live one', 'Echo: stored?'])));
    expect(store.messages.get(sent.id)).toMatchObject({ fromMe: true, chatId: SANDBOX_CONTACTS.alice, quotedMessageId: null, mentions: [] });
    expect((await store.getChat(SANDBOX_CONTACTS.bob))!.lastMessage).toMatchObject({ body: 'a live one' });
  });

  it('keeps unread counts current from the chat_unread event', async () => {
    const { session, store, driver, ready } = setup();
    await ready();
    driver().receive(SANDBOX_CONTACTS.bob, 'unread one');
    driver().receive(SANDBOX_CONTACTS.bob, 'unread two');
    await vi.waitFor(async () => expect((await store.getChat(SANDBOX_CONTACTS.bob))!.unreadCount).toBe(2));
    await session.call('mark read', (d) => d.markRead(SANDBOX_CONTACTS.bob));
    await vi.waitFor(async () => expect((await store.getChat(SANDBOX_CONTACTS.bob))!.unreadCount).toBe(0));
  });

  it('re-syncs one chat on demand', async () => {
    const { history, ready } = setup();
    await ready();
    expect(await history.syncChat(SANDBOX_CONTACTS.team, 10)).toEqual({ fetched: 2, added: 0 });
  });
});

describe('History backfill', () => {
  it('stores what arrived while disconnected and publishes it once, marked backfilled', async () => {
    const { session, world, history, store, received, ready, disconnect, advance } = setup();
    await ready();
    const cursor = disconnect();
    expect(history.warm).toBe(false);
    advance(60);
    const missed = world.addMessage(SANDBOX_CONTACTS.bob, { fromMe: false, body: 'sent while you were away' });
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    expect(received(cursor).map((event) => event.data)).toEqual([expect.objectContaining({ backfilled: true, message: expect.objectContaining({ id: missed.id, body: 'sent while you were away' }) })]);
    expect(store.messages.has(missed.id)).toBe(true);
    await history.backfill();
    expect(received(cursor)).toHaveLength(1);
  });

  it('announces, exactly once, a missed message stamped in the same second as the last stored one', async () => {
    const { session, world, history, store, driver, received, ready, disconnect } = setup();
    await ready();
    const live = driver().receive(SANDBOX_CONTACTS.bob, 'seen live')!;
    await vi.waitFor(() => expect(store.messages.has(live.id)).toBe(true));
    const cursor = disconnect();
    const missed = world.addMessage(SANDBOX_CONTACTS.bob, { fromMe: false, body: 'same second, missed' });
    expect(missed.timestamp).toBe(live.timestamp);
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    expect(received(cursor).map((event) => (event.data as { message: { id: string } }).message.id)).toEqual([missed.id]);
    await history.backfill();
    await history.syncChat(SANDBOX_CONTACTS.bob, 50);
    expect(received(cursor)).toHaveLength(1);
  });

  it('catches up every chat with newer activity, beyond the 50 most recent, in bounded passes', async () => {
    const { session, world, history, store, received, ready, disconnect, advance } = setup({ chatsPerPass: 20 });
    await ready();
    const cursor = disconnect();
    advance(10);
    const early = world.addMessage(SANDBOX_CONTACTS.alice, { fromMe: false, body: 'first thing while away' });
    const others = Array.from({ length: 55 }, (_, n) => {
      advance(1);
      return world.addMessage(`1555020${String(n).padStart(4, '0')}@c.us`, { fromMe: false, body: `new person ${n}` });
    });
    expect(world.listChats(50).map((chat) => chat.id)).not.toContain(SANDBOX_CONTACTS.alice);
    await session.start();
    await vi.waitFor(() => expect(received(cursor)).toHaveLength(56), { timeout: 3000 });
    expect(store.messages.has(early.id)).toBe(true);
    expect(new Set(received(cursor).map((event) => (event.data as { message: { id: string } }).message.id))).toEqual(new Set([early.id, ...others.map((m) => m.id)]));
    expect(history.isCaughtUp(SANDBOX_CONTACTS.alice)).toBe(true);
  });

  it('is warm after its first pass, keeps later chats on the browser until read, and stops between passes', async () => {
    const { session, world, history, ready, disconnect, advance } = setup({ chatsPerPass: 2, passPauseMs: 60_000 });
    await ready();
    disconnect();
    const chats = [SANDBOX_CONTACTS.bob, SANDBOX_CONTACTS.team, SANDBOX_CONTACTS.alice];
    for (const chatId of chats) {
      advance(1);
      world.addMessage(chatId, { fromMe: false, body: 'while away', author: SANDBOX_CONTACTS.alice });
    }
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    expect(chats.map((chatId) => history.isCaughtUp(chatId))).toEqual([false, true, true]);
    const stopped = Date.now();
    await history.stop();
    expect(Date.now() - stopped).toBeLessThan(1000);
  });

  it('announces the first messages of a person who wrote while the gateway was away', async () => {
    const { session, world, received, ready, disconnect, advance } = setup();
    await ready();
    const cursor = disconnect();
    advance(30);
    const hello = world.addMessage('15550109999@c.us', { fromMe: false, body: 'hello, we have not met' });
    await session.start();
    await vi.waitFor(() => expect(received(cursor).map((event) => (event.data as { message: { id: string } }).message.id)).toEqual([hello.id]));
  });

  it('never brings back what retention pruned, and still stores what is newer', async () => {
    const { session, world, history, store, received, ready, disconnect, nowSeconds, advance } = setup();
    await ready();
    const cutoff = nowSeconds() - 2700;
    const pruned = [...store.messages.values()].filter((message) => message.timestamp < cutoff).map((message) => message.id);
    expect(pruned.length).toBeGreaterThan(0);
    await store.prune(cutoff);
    const cursor = disconnect();
    advance(60);
    const fresh = world.addMessage(SANDBOX_CONTACTS.bob, { fromMe: false, body: 'after the prune' });
    await session.start();
    await vi.waitFor(() => expect(store.messages.has(fresh.id)).toBe(true));
    await history.syncChat(SANDBOX_CONTACTS.team, 50);
    expect(pruned.filter((id) => store.messages.has(id))).toEqual([]);
    expect(received(cursor).map((event) => (event.data as { message: { id: string } }).message.id)).toEqual([fresh.id]);
  });
});
