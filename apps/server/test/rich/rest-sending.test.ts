import { SANDBOX_CONTACTS } from '@wa/core';
import { describe, expect, it } from 'vitest';
import { gatewayPerTest, shapeOf } from '../rest/harness.js';
import { echoOf, expectError, get, linked, post, sendText, stored } from './rich-rest.js';

const { alice, bob, team } = SANDBOX_CONTACTS;
/** The sandbox has no WhatsApp account for numbers ending in 0000. */
const UNREGISTERED = '15550000000';

describe('addressing and sending over REST (rich messaging)', () => {
  const start = gatewayPerTest();

  it('check_number tells whether a number is on WhatsApp and gives its chat id', async () => {
    const gateway = await linked(start);
    const known = await get(gateway, '/api/numbers/check', { phone_number: '+1 555 010 0001' });
    expect(known).toMatchObject({ status: 200, body: { ok: true, phone_number: '15550100001', on_whatsapp: true, chat_id: alice } });
    const unknown = await get(gateway, '/api/numbers/check', { phone_number: UNREGISTERED });
    expect(unknown.body).toEqual({ ok: true, phone_number: UNREGISTERED, on_whatsapp: false, chat_id: null });
    expectError(await get(gateway, '/api/numbers/check', { phone_number: '123' }), 400, 'invalid_phone_number');
    expect(expectError(await get(gateway, '/api/numbers/check'), 400, 'invalid_input')).toMatch(/phone_number is required/);
  });

  it('refuses a phone number that is not on WhatsApp with 404 not_on_whatsapp before sending anything', async () => {
    const gateway = await linked(start);
    const message = expectError(await post(gateway, '/api/send', { phone_number: `+${UNREGISTERED}`, message: 'hello?' }), 404, 'not_on_whatsapp');
    expect(message).toMatch(new RegExp(`${UNREGISTERED}.*check_number`));
    expect(gateway.factory.world.hasChat(`${UNREGISTERED}@c.us`)).toBe(false);
    expectError(await post(gateway, '/api/send-location', { phone_number: UNREGISTERED, latitude: 1, longitude: 2 }), 404, 'not_on_whatsapp');
  });

  it('keeps the send contract and quotes a message and mentions people in a group', async () => {
    const gateway = await linked(start);
    const [quoted] = gateway.factory.world.readMessages(team, 1);
    const sent = await post(gateway, '/api/send', {
      chat_id: team,
      message: 'Agreed @15550100001 @15550100002',
      reply_to_message_id: quoted!.id,
      mentions: ['+1 555 010 0001', bob, bob],
    });
    expect(sent.status).toBe(200);
    expect(shapeOf(sent.body)).toEqual({ ok: 'boolean', to: 'string', chat_id: 'string', message_id: 'string', timestamp: 'string' });
    expect(sent.body).toMatchObject({ ok: true, to: '120363000000000001', chat_id: team });
    expect(stored(gateway, sent.body['message_id'])).toMatchObject({ body: 'Agreed @15550100001 @15550100002', quotedMessageId: quoted!.id, mentions: [alice, bob], fromMe: true });
  });

  it('answers 404 message_not_found for a reply to an unknown message and 400 for a group mention', async () => {
    const gateway = await linked(start);
    const missing = await post(gateway, '/api/send', { chat_id: alice, message: 'x', reply_to_message_id: 'true_15550100001@c.us_3EB0NOPE' });
    expect(expectError(missing, 404, 'message_not_found')).toMatch(/3EB0NOPE/);
    expect(expectError(await post(gateway, '/api/send', { chat_id: alice, message: 'x', mentions: [team] }), 400, 'invalid_input')).toMatch(/not groups/);
    expectError(await post(gateway, '/api/send', { chat_id: alice, message: 'x', mentions: ['nobody'] }), 400, 'invalid_chat_id');
    expect(gateway.factory.world.readMessages(alice, 1)[0]!.body).not.toBe('x');
  });

  it('sends a location pin, optionally named and as a reply, and validates coordinates', async () => {
    const gateway = await linked(start);
    const [quoted] = gateway.factory.world.readMessages(bob, 1);
    const body = { phone_number: '15550100002', latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Champ de Mars, Paris', reply_to_message_id: quoted!.id };
    const sent = await post(gateway, '/api/send-location', body);
    expect(sent).toMatchObject({ status: 200, body: { ok: true, to: '15550100002', chat_id: bob, message_id: expect.any(String) } });
    expect(stored(gateway, sent.body['message_id'])).toMatchObject({
      type: 'location',
      quotedMessageId: quoted!.id,
      location: { latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Champ de Mars, Paris' },
    });
    const bare = await post(gateway, '/api/send-location', { chat_id: team, latitude: -33.8568, longitude: 151.2153 });
    expect(bare.status).toBe(200);
    expect(stored(gateway, bare.body['message_id'])?.location).toEqual({ latitude: -33.8568, longitude: 151.2153, name: null, address: null });
    expect(expectError(await post(gateway, '/api/send-location', { chat_id: bob, latitude: 91, longitude: 0 }), 400, 'invalid_input')).toMatch(/latitude/);
    expect(expectError(await post(gateway, '/api/send-location', { chat_id: bob, latitude: 0 }), 400, 'invalid_input')).toMatch(/longitude is required/);
  });

  it('forwards a message to a phone number or chat, and reports unknown messages, chats and numbers', async () => {
    const gateway = await linked(start);
    const original = await sendText(gateway, alice, 'worth sharing');
    const echo = await echoOf(gateway, alice, 'worth sharing');
    const forwarded = await post(gateway, '/api/messages/forward', { message_id: echo, phone_number: '+1 555 010 0002' });
    expect(forwarded.body).toEqual({ ok: true, message_id: echo, to: '15550100002', chat_id: bob });
    expect(gateway.factory.world.readMessages(bob, 1)[0]).toMatchObject({ body: 'Echo: worth sharing', fromMe: true });
    expect((await post(gateway, '/api/messages/forward', { message_id: original, chat_id: team })).body).toMatchObject({ ok: true, chat_id: team });
    expectError(await post(gateway, '/api/messages/forward', { message_id: 'false_x@c.us_3EB0NOPE', chat_id: bob }), 404, 'message_not_found');
    expectError(await post(gateway, '/api/messages/forward', { message_id: echo, chat_id: '999999999999@g.us' }), 404, 'chat_not_found');
    expectError(await post(gateway, '/api/messages/forward', { message_id: echo, phone_number: UNREGISTERED }), 404, 'not_on_whatsapp');
    expectError(await post(gateway, '/api/messages/forward', { message_id: echo }), 400, 'invalid_input');
  });

  it('answers 503 session_not_linked while a QR waits, for lookups as for sends', async () => {
    const gateway = await start();
    const response = await get(gateway, '/api/numbers/check', { phone_number: '15550100001' });
    expectError(response, 503, 'session_not_linked');
    expect(response.headers.get('retry-after')).toBe('5');
  });
});
