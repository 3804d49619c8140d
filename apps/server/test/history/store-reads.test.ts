import { SANDBOX_CONTACTS } from '@wa/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toChatSummary, toMessageSummary } from '../../../../packages/core/src/operations/mappers.js';
import { startHistoryGateway, untilImported, type HistoryGateway } from './sandbox-gateway.js';

const { alice, bob } = SANDBOX_CONTACTS;

describe('reads served from the store once it has caught up (sandbox driver, SQLite store)', () => {
  const running: HistoryGateway[] = [];
  afterEach(async () => {
    for (const gateway of running.splice(0)) await gateway.close();
  });

  async function caughtUp(): Promise<HistoryGateway> {
    const gateway = await startHistoryGateway();
    running.push(gateway);
    await untilImported(gateway);
    return gateway;
  }

  it('lists chats from the store in the shape the browser gives, and keeps unread counts from chat_unread events', async () => {
    const { world, get, driver, gateway } = await caughtUp();
    const fromBrowser = world.listChats(20).map(toChatSummary);
    await vi.waitFor(async () => expect((await get('/api/chats?limit=20')).body).toEqual({ ok: true, count: fromBrowser.length, chats: fromBrowser }));

    // The browser changes behind the store's back (no event): the answer stays the store's.
    world.setUnreadCount(bob, 7);
    const bobInList = async () => ((await get('/api/chats?limit=20')).body.chats as Array<{ id: string }>).find((chat) => chat.id === bob);
    await vi.waitFor(async () => expect(await bobInList()).toMatchObject({ unread_count: 0 }));

    const live = driver().receive(bob, 'now you have eight')!;
    await vi.waitFor(async () => {
      const [first] = (await get('/api/chats?limit=1')).body.chats;
      expect(first).toMatchObject({ id: bob, unread_count: 8, timestamp: live.timestamp, last_message: { id: live.id, body: 'now you have eight' } });
    });
    await gateway.session.call('Marking read', (d) => d.markRead(bob));
    await vi.waitFor(async () => expect(await bobInList()).toMatchObject({ unread_count: 0 }));
  });

  it('reads messages from the store in the shape the browser gives, replies, mentions, media and places included', async () => {
    const { world, get, gateway } = await caughtUp();
    const [photo] = world.readMessages(alice, 10);
    expect(photo!.media).not.toBeNull();
    await gateway.session.call('Replying', (d) => d.sendText(alice, 'nice one @15550100002', { quotedMessageId: photo!.id, mentions: [bob] }));
    await gateway.session.call('Sharing a place', (d) => d.sendLocation(alice, { latitude: 38.7223, longitude: -9.1393, name: 'Praça do Comércio', address: 'Lisboa' }));
    const path = `/api/messages?chat_id=${encodeURIComponent(alice)}&limit=20`;
    await vi.waitFor(async () => expect((await get(path)).body.messages).toEqual(world.readMessages(alice, 20).map(toMessageSummary)));
    expect((await get(path)).body.messages.map((m: { type: string }) => m.type)).toEqual(expect.arrayContaining(['image', 'location']));

    // A change the browser makes without an event does not show: the store answered.
    world.editMessage(photo!.id, 'changed behind the store');
    expect((await get(path)).body.messages[0]).toMatchObject({ id: photo!.id, body: photo!.body });

    const exported = (await get(`/api/chats/export?chat_id=${encodeURIComponent(alice)}`)).body.messages as Array<Record<string, unknown>>;
    expect(exported.find((m) => m.quoted_message_id === photo!.id)).toMatchObject({ mentions: [bob], from_me: true, edited: false });
  });
});
