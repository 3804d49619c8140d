import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS } from '@wa/core';
import { describe, expect, it } from 'vitest';
import { gatewayPerTest } from '../rest/harness.js';
import { echoOf, expectError, get, linked, post, sendText, stored } from './rich-rest.js';

const { alice, bob, team } = SANDBOX_CONTACTS;
const me = SANDBOX_ACCOUNT.wid;
const UNKNOWN_MESSAGE = 'false_15550100001@c.us_3EB0DOESNOTEXIST';

describe('acting on messages and chats over REST (rich messaging)', () => {
  const start = gatewayPerTest();

  it('react sets, replaces and clears this account\'s reaction, and refuses text that is not an emoji', async () => {
    const gateway = await linked(start);
    const [message] = gateway.factory.world.readMessages(team, 1);
    const reacted = await post(gateway, '/api/messages/react', { message_id: message!.id, emoji: '👍' });
    expect(reacted).toMatchObject({ status: 200, body: { ok: true, message_id: message!.id, chat_id: team, emoji: '👍' } });
    expect(gateway.factory.world.reactionsOn(message!.id)).toEqual({ [me]: '👍' });
    await post(gateway, '/api/messages/react', { message_id: message!.id, emoji: '❤️' });
    expect(gateway.factory.world.reactionsOn(message!.id)).toEqual({ [me]: '❤️' });
    expect((await post(gateway, '/api/messages/react', { message_id: message!.id, emoji: '' })).body).toMatchObject({ ok: true, emoji: '' });
    expect(gateway.factory.world.reactionsOn(message!.id)).toEqual({});
    expect(expectError(await post(gateway, '/api/messages/react', { message_id: message!.id, emoji: 'nice' }), 400, 'invalid_input')).toMatch(/emoji/);
    expectError(await post(gateway, '/api/messages/react', { message_id: message!.id, emoji: '42' }), 400, 'invalid_input');
    expectError(await post(gateway, '/api/messages/react', { message_id: message!.id }), 400, 'invalid_input');
    expectError(await post(gateway, '/api/messages/react', { message_id: UNKNOWN_MESSAGE, emoji: '👍' }), 404, 'message_not_found');
  });

  it('edit_message replaces the text of a fresh message of this account and returns it', async () => {
    const gateway = await linked(start);
    const id = await sendText(gateway, alice, 'See you at 7');
    const edited = await post(gateway, '/api/messages/edit', { message_id: id, text: 'See you at 8' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ ok: true, message: { id, body: 'See you at 8', from_me: true, to: alice } });
    expect(stored(gateway, id)?.body).toBe('See you at 8');
  });

  it('edit_message answers 409 not_allowed for someone else\'s message or an old one, 404 for an unknown one', async () => {
    const gateway = await linked(start);
    await sendText(gateway, alice, 'edit me?');
    const theirs = await echoOf(gateway, alice, 'edit me?');
    expect(expectError(await post(gateway, '/api/messages/edit', { message_id: theirs, text: 'hacked' }), 409, 'not_allowed')).toMatch(/someone else/);
    expect(stored(gateway, theirs)?.body).toBe('Echo: edit me?');
    const old = gateway.factory.world.readMessages(bob, 5).find((message) => message.fromMe)!;
    expect(expectError(await post(gateway, '/api/messages/edit', { message_id: old.id, text: 'Yes, 8pm.' }), 409, 'not_allowed')).toMatch(/15 minutes/);
    expectError(await post(gateway, '/api/messages/edit', { message_id: UNKNOWN_MESSAGE, text: 'x' }), 404, 'message_not_found');
    expectError(await post(gateway, '/api/messages/edit', { message_id: old.id, text: '' }), 400, 'invalid_input');
  });

  it('delete_message deletes for this account by default, and for everyone only when allowed', async () => {
    const gateway = await linked(start);
    const mine = await sendText(gateway, alice, 'delete me for me');
    const theirs = await echoOf(gateway, alice, 'delete me for me');
    expect((await post(gateway, '/api/messages/delete', { message_id: mine })).body).toEqual({ ok: true, message_id: mine, chat_id: alice, for_everyone: false });
    expect(stored(gateway, mine)).toBeNull();

    const revoked = await sendText(gateway, alice, 'oops, wrong chat');
    expect((await post(gateway, '/api/messages/delete', { message_id: revoked, for_everyone: true })).body).toMatchObject({ ok: true, for_everyone: true });
    expect(stored(gateway, revoked)).toMatchObject({ type: 'revoked', body: '' });

    const refused = await post(gateway, '/api/messages/delete', { message_id: theirs, for_everyone: true });
    expect(expectError(refused, 409, 'not_allowed')).toMatch(/for_everyone: false/);
    expect(stored(gateway, theirs)?.body).toBe('Echo: delete me for me');
    expectError(await post(gateway, '/api/messages/delete', { message_id: UNKNOWN_MESSAGE }), 404, 'message_not_found');
    expectError(await post(gateway, '/api/messages/delete', { message_id: mine, for_everyone: 'yes' }), 400, 'invalid_input');
  });

  it('mark_read is the only way a chat gets read: reading messages leaves the unread count alone', async () => {
    const gateway = await linked(start);
    const listed = async () => ((await get(gateway, '/api/chats')).body['chats'] as Array<{ id: string; unread_count: number }>).find((chat) => chat.id === alice)!.unread_count;
    const onPhone = () => gateway.factory.world.getChat(alice)!.unreadCount;
    expect([await listed(), onPhone()]).toEqual([2, 2]);
    expect((await get(gateway, '/api/messages', { chat_id: alice })).status).toBe(200);
    expect((await get(gateway, '/api/messages', { phone_number: '15550100001', limit: '1' })).status).toBe(200);
    expect([await listed(), onPhone()]).toEqual([2, 2]);
    expect((await post(gateway, '/api/chats/read', { phone_number: '+1 555 010 0001' })).body).toEqual({ ok: true, chat_id: alice });
    expect(onPhone()).toBe(0);
    expect((await post(gateway, '/api/chats/read', { chat_id: alice })).status).toBe(200);
    expectError(await post(gateway, '/api/chats/read', { phone_number: '15550100009' }), 404, 'chat_not_found');
    expectError(await post(gateway, '/api/chats/read', { phone_number: '15550000000' }), 404, 'not_on_whatsapp');
    expectError(await post(gateway, '/api/chats/read', {}), 400, 'invalid_input');
  });

  it('send_presence shows typing or recording in a chat and stops it with paused', async () => {
    const gateway = await linked(start);
    for (const presence of ['typing', 'recording', 'paused']) {
      expect((await post(gateway, '/api/chats/presence', { chat_id: team, presence })).body).toEqual({ ok: true, chat_id: team, presence });
      expect(gateway.factory.world.presenceIn(team)).toBe(presence);
    }
    expect((await post(gateway, '/api/chats/presence', { phone_number: '15550100002', presence: 'typing' })).body).toMatchObject({ chat_id: bob });
    expect(expectError(await post(gateway, '/api/chats/presence', { chat_id: team, presence: 'dancing' }), 400, 'invalid_input')).toMatch(/presence/);
    expectError(await post(gateway, '/api/chats/presence', { chat_id: '999999999999@g.us', presence: 'typing' }), 404, 'chat_not_found');
  });
});
