import { describe, expect, it, vi } from 'vitest';
import { createSandboxDriverFactory, SANDBOX_CONTACTS, SandboxWorld, type SandboxDriver } from '../drivers/sandbox/index.js';
import { EventLog, recordSessionEvents } from '../events/index.js';
import { Session } from '../session/index.js';
import { MemoryMessageStore } from '../../test/support/memory-message-store.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { History } from './history.js';

function setup() {
  let now = Date.parse('2026-06-01T12:00:00Z');
  const world = new SandboxWorld({ now: () => now });
  world.linked = true;
  const factory = createSandboxDriverFactory({ linkDelayMs: 10, echoDelayMs: 10 }, world);
  const session = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 1000, callMs: 1000, readyWaitMs: 1000, shutdownMs: 500 } });
  const events = new EventLog({ capacity: 1000 });
  recordSessionEvents(session, events);
  const store = new MemoryMessageStore();
  const history = new History(store, session, events, silentLogger(), { backfillChats: 50, backfillMessages: 50, flushEveryMs: 5 });
  history.start();
  return { world, factory, session, events, store, history, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('History', () => {
  it('imports recent chats silently on first sight and becomes warm', async () => {
    const { session, store, events, history } = setup();
    const cursor = events.cursor;
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    expect(store.chats.size).toBe(3);
    expect(store.messages.size).toBe(6);
    expect(events.since(cursor, { types: new Set(['message.received']) }).events).toEqual([]);
  });

  it('stores live messages, ours included, as they happen', async () => {
    const { session, store, history, factory } = setup();
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    const sent = await session.call('send', (driver) => driver.sendText(SANDBOX_CONTACTS.alice, 'stored?'));
    (factory.current as SandboxDriver).receive(SANDBOX_CONTACTS.bob, 'a live one');
    await vi.waitFor(() => expect([...store.messages.values()].map((m) => m.body)).toEqual(expect.arrayContaining(['stored?', 'a live one', 'Echo: stored?'])));
    expect(store.messages.get(sent.id)).toMatchObject({ fromMe: true, chatId: SANDBOX_CONTACTS.alice });
  });

  it('backfills what arrived while disconnected and publishes it once, marked backfilled', async () => {
    const { session, world, factory, events, history, store, advance } = setup();
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    (factory.current as SandboxDriver).crash();
    expect(history.warm).toBe(false);
    advance(60);
    const missed = world.addMessage(SANDBOX_CONTACTS.bob, { fromMe: false, body: 'sent while you were away' });
    const cursor = events.cursor;
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    const published = events.since(cursor, { types: new Set(['message.received']) }).events;
    expect(published).toHaveLength(1);
    expect(published[0]!.data).toMatchObject({ backfilled: true, message: { id: missed.id, body: 'sent while you were away' } });
    expect(store.messages.has(missed.id)).toBe(true);
    await history.backfill();
    expect(events.since(cursor, { types: new Set(['message.received']) }).events).toHaveLength(1);
  });

  it('re-syncs one chat on demand', async () => {
    const { session, history } = setup();
    await session.start();
    await vi.waitFor(() => expect(history.warm).toBe(true));
    expect(await history.syncChat(SANDBOX_CONTACTS.team, 10)).toEqual({ fetched: 2, added: 0 });
  });
});
