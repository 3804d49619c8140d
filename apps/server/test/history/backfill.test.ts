import { SANDBOX_CONTACTS, SandboxWorld } from '@wa/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshStorePath } from '../support/fresh-store-path.js';
import { startHistoryGateway, untilImported, type HistoryGateway } from './sandbox-gateway.js';

const { alice, bob } = SANDBOX_CONTACTS;
const DAY = 86_400;

describe('gap-free history after a disconnect (sandbox driver, SQLite store)', () => {
  const running: HistoryGateway[] = [];
  afterEach(async () => {
    for (const gateway of running.splice(0)) await gateway.close();
  });

  async function caughtUp(options: Parameters<typeof startHistoryGateway>[0] = {}): Promise<HistoryGateway> {
    const gateway = await startHistoryGateway(options);
    running.push(gateway);
    await untilImported(gateway);
    return gateway;
  }

  /** The browser dies; `whileAway` runs before the session is started again. Returns the event cursor of the disconnect. */
  async function reconnect(gateway: HistoryGateway, whileAway: () => void): Promise<string> {
    gateway.driver().crash();
    const cursor = gateway.gateway.events.cursor;
    whileAway();
    await gateway.gateway.session.start().catch(() => undefined);
    await vi.waitFor(() => expect(gateway.gateway.session.state).toBe('ready'));
    return cursor;
  }

  it('backfills a chat older than the 50 most recent, with every other chat that moved, each message announced once', async () => {
    const gateway = await caughtUp();
    const now = gateway.world.nowSeconds();
    const missed: string[] = [];
    const cursor = await reconnect(gateway, () => {
      missed.push(gateway.world.addMessage(alice, { fromMe: false, body: 'first, then 55 others wrote', timestamp: now + 1 }).id);
      for (let n = 0; n < 55; n += 1) {
        missed.push(gateway.world.addMessage(`1555020${String(n).padStart(4, '0')}@c.us`, { fromMe: false, body: `hello from ${n}`, timestamp: now + 2 + n }).id);
      }
      expect(gateway.world.listChats(50).map((chat) => chat.id)).not.toContain(alice);
    });
    await vi.waitFor(() => expect(gateway.received(cursor)).toHaveLength(missed.length), { timeout: 5000 });
    expect(gateway.received(cursor)).toEqual(expect.arrayContaining(missed.map((id) => ({ id, backfilled: true }))));
    const search = await gateway.get(`/api/search?query=${encodeURIComponent('"55 others"')}`);
    expect(search.body.results.map((hit: { message: { id: string } }) => hit.message.id)).toEqual([missed[0]]);
  });

  it('announces exactly once a missed message stamped in the same second as the last stored one', async () => {
    const gateway = await caughtUp();
    const live = gateway.driver().receive(bob, 'seen live')!;
    await vi.waitFor(async () => expect((await gateway.get(`/api/messages/context?message_id=${encodeURIComponent(live.id)}`)).status).toBe(200));
    let sameSecond = '';
    const cursor = await reconnect(gateway, () => {
      sameSecond = gateway.world.addMessage(bob, { fromMe: false, body: 'same second, missed', timestamp: live.timestamp }).id;
    });
    await vi.waitFor(() => expect(gateway.received(cursor)).toEqual([{ id: sameSecond, backfilled: true }]));
    expect((await gateway.post('/api/chats/sync', { chat_id: bob, limit: 50 })).body).toMatchObject({ ok: true, added: 0 });
    expect(gateway.received(cursor)).toHaveLength(1);
  });

  it('never brings back messages that retention pruned, across a restart', async () => {
    const world = new SandboxWorld();
    const storePath = freshStorePath();
    const old = world.addMessage(bob, { fromMe: false, body: 'three days old', timestamp: world.nowSeconds() - 3 * DAY });
    const first = await caughtUp({ world, storePath });
    await vi.waitFor(async () => expect((await first.get(`/api/messages/context?message_id=${encodeURIComponent(old.id)}`)).status).toBe(200));
    await first.close();
    running.splice(running.indexOf(first), 1);

    const fresh = world.addMessage(bob, { fromMe: false, body: 'written while the gateway was down' });
    const second = await caughtUp({ world, storePath, env: { WHATSAPP_STORE_RETENTION_DAYS: '1' } });
    const exportBob = async () => ((await second.get(`/api/chats/export?chat_id=${encodeURIComponent(bob)}`)).body.messages as Array<{ id: string }>).map((m) => m.id);
    await vi.waitFor(async () => expect(await exportBob()).toContain(fresh.id));
    expect((await second.post('/api/chats/sync', { chat_id: bob, limit: 50 })).body).toMatchObject({ ok: true, added: 0 });
    expect(await exportBob()).not.toContain(old.id);
    expect((await second.get(`/api/messages/context?message_id=${encodeURIComponent(old.id)}`)).status).toBe(404);
    expect(second.received('0').filter((event) => event.id === old.id)).toEqual([]);
  });
});
