import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS } from '@wa/core';
import { describe, expect, it, vi } from 'vitest';
import { gatewayPerTest, shapeOf, type RunningGateway } from '../rest/harness.js';
import { expectError, get, linked } from './rich-rest.js';

const { alice, bob, shop, stranger, team } = SANDBOX_CONTACTS;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CONTACT_SHAPE = { id: 'string', number: 'string', name: 'string', pushname: 'string', is_my_contact: 'boolean', is_business: 'boolean', is_blocked: 'boolean' };

const ids = (body: Record<string, any>, list: string): string[] => (body[list] as Array<{ id: string }>).map((item) => item.id);

/**
 * Readies contact search on one path. Browser: no store, every search lists the driver's contacts.
 * Store: waits until a search answers without the driver (the history stored the address book),
 * then makes the driver's listing fail so every later search provably comes from the store.
 */
async function searchOn(path: 'browser' | 'store', gateway: RunningGateway): Promise<void> {
  if (path === 'browser') return;
  const driver = gateway.factory.current!;
  const listed = vi.spyOn(driver, 'listContacts');
  await vi.waitFor(async () => {
    const before = listed.mock.calls.length;
    expect((await get(gateway, '/api/contacts', { query: 'alice' })).status).toBe(200);
    expect(listed.mock.calls.length).toBe(before);
  }, { timeout: 5000, interval: 50 });
  listed.mockRejectedValue(new Error('the browser must not be asked'));
}

describe.each<{ path: 'browser' | 'store'; env: Record<string, string> }>([
  { path: 'browser', env: { WHATSAPP_STORE: 'false' } },
  { path: 'store', env: {} },
])('search_contacts over REST, answered from the $path', ({ path, env }) => {
  const start = gatewayPerTest();
  const ready = async () => {
    const gateway = await linked(() => start({ env }));
    await searchOn(path, gateway);
    return gateway;
  };

  it('matches names, pushnames and number digits, ignoring case and accents', async () => {
    const gateway = await ready();
    const byName = await get(gateway, '/api/contacts', { query: 'ALICE' });
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ ok: true, count: 1 });
    expect(shapeOf(byName.body['contacts'][0])).toEqual(CONTACT_SHAPE);
    expect(byName.body['contacts'][0]).toEqual({ id: alice, number: '15550100001', name: 'Alice (sandbox)', pushname: 'Alice', is_my_contact: true, is_business: false, is_blocked: false });
    expect(ids((await get(gateway, '/api/contacts', { query: 'bobby' })).body, 'contacts')).toEqual([bob]);
    expect(ids((await get(gateway, '/api/contacts', { query: 'córner BÄKERY' })).body, 'contacts')).toEqual([shop]);
    expect(ids((await get(gateway, '/api/contacts', { query: '010-0004' })).body, 'contacts')).toEqual([stranger]);
    expect((await get(gateway, '/api/contacts', { query: 'nobody by that name' })).body).toEqual({ ok: true, count: 0, contacts: [] });
  });

  it('lists everyone without a query, saved contacts first, up to limit', async () => {
    const gateway = await ready();
    const all = ids((await get(gateway, '/api/contacts')).body, 'contacts');
    expect(all).toEqual(expect.arrayContaining([alice, bob, shop, stranger]));
    expect(all.indexOf(stranger)).toBeGreaterThan(Math.max(all.indexOf(alice), all.indexOf(bob), all.indexOf(shop)));
    expect((await get(gateway, '/api/contacts', { limit: '2' })).body['count']).toBe(2);
    expectError(await get(gateway, '/api/contacts', { limit: '0' }), 400, 'invalid_input');
    expectError(await get(gateway, '/api/contacts', { query: 'x'.repeat(101) }), 400, 'invalid_input');
  });
});

describe('contacts and groups over REST (rich messaging)', () => {
  const start = gatewayPerTest();

  it('get_contact reads one contact by id or phone number', async () => {
    const gateway = await linked(start);
    expect((await get(gateway, '/api/contacts/get', { contact_id: shop })).body).toMatchObject({ ok: true, contact: { id: shop, name: 'Corner Bakery', is_business: true } });
    const unsaved = await get(gateway, '/api/contacts/get', { phone_number: '+1 555 010 0004' });
    expect(unsaved.body['contact']).toMatchObject({ id: stranger, name: null, pushname: 'Dave', is_my_contact: false });
  });

  it('get_contact answers 404 for an unknown contact or a number not on WhatsApp, 400 for a group or no id', async () => {
    const gateway = await linked(start);
    expectError(await get(gateway, '/api/contacts/get', { contact_id: '15550100009@c.us' }), 404, 'contact_not_found');
    expectError(await get(gateway, '/api/contacts/get', { phone_number: '15550000000' }), 404, 'not_on_whatsapp');
    expect(expectError(await get(gateway, '/api/contacts/get', { contact_id: team }), 400, 'invalid_input')).toMatch(/get_group/);
    expectError(await get(gateway, '/api/contacts/get'), 400, 'invalid_input');
    expectError(await get(gateway, '/api/contacts/get', { contact_id: alice, phone_number: '15550100001' }), 400, 'invalid_input');
  });

  it('list_groups lists only group chats', async () => {
    const gateway = await linked(start);
    const groups = await get(gateway, '/api/groups');
    expect(groups.body).toMatchObject({ ok: true, count: 1, groups: [{ id: team, name: 'Sandbox Team', is_group: true }] });
    expect((await get(gateway, '/api/chats')).body['count']).toBeGreaterThan(1);
    expectError(await get(gateway, '/api/groups', { limit: '101' }), 400, 'invalid_input');
  });

  it('get_group gives the description, owner, creation time and participants with their roles', async () => {
    const gateway = await linked(start);
    const { status, body } = await get(gateway, '/api/groups/info', { chat_id: team });
    expect(status).toBe(200);
    expect(body['group']).toMatchObject({
      id: team,
      name: 'Sandbox Team',
      description: expect.stringContaining('sandbox'),
      owner: SANDBOX_ACCOUNT.wid,
      participant_count: 3,
      participants: [
        { id: SANDBOX_ACCOUNT.wid, is_admin: true, is_super_admin: true },
        { id: alice, is_admin: true, is_super_admin: false },
        { id: bob, is_admin: false, is_super_admin: false },
      ],
    });
    expect(body['group'].created_at).toMatch(ISO_8601);
  });

  it('get_group answers 404 group_not_found for a person\'s chat or an unknown group, 400 for a malformed id', async () => {
    const gateway = await linked(start);
    expect(expectError(await get(gateway, '/api/groups/info', { chat_id: alice }), 404, 'group_not_found')).toMatch(/not a group/);
    expectError(await get(gateway, '/api/groups/info', { chat_id: '999999999999@g.us' }), 404, 'group_not_found');
    expectError(await get(gateway, '/api/groups/info', { chat_id: 'team' }), 400, 'invalid_chat_id');
  });
});
