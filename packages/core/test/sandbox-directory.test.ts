import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS } from '../src/drivers/sandbox/index.js';
import { linkedSandbox, type LinkedSandbox } from './sandbox-linked-driver.js';

const { alice, bob, shop, stranger, team } = SANDBOX_CONTACTS;

describe('sandbox driver: contacts and groups', () => {
  let sandbox: LinkedSandbox;

  afterEach(async () => {
    await sandbox.driver.stop();
    vi.useRealTimers();
  });

  it('lists the address book with a business and a person known only by pushname', async () => {
    sandbox = await linkedSandbox();
    const contacts = await sandbox.driver.listContacts();
    expect(contacts).toEqual([
      { id: alice, number: '15550100001', name: 'Alice (sandbox)', pushname: 'Alice', isMyContact: true, isBusiness: false, isBlocked: false },
      { id: bob, number: '15550100002', name: 'Bob (sandbox)', pushname: 'Bobby', isMyContact: true, isBusiness: false, isBlocked: false },
      { id: shop, number: '15550100003', name: 'Corner Bakery', pushname: 'Corner Bakery Ltd', isMyContact: true, isBusiness: true, isBlocked: false },
      { id: stranger, number: '15550100004', name: null, pushname: 'Dave', isMyContact: false, isBusiness: false, isBlocked: false },
    ]);
    const matching = (text: string) => contacts.filter((c) => [c.name, c.pushname, c.number].some((field) => field?.toLowerCase().includes(text))).map((c) => c.id);
    expect(matching('bakery')).toEqual([shop]);
    expect(matching('dave')).toEqual([stranger]);
    expect(matching('0100002')).toEqual([bob]);
  });

  it('knows a new number as a bare contact once this account chats with it', async () => {
    sandbox = await linkedSandbox();
    const newcomer = '4915112345678@c.us';
    expect(await sandbox.driver.getContact(newcomer)).toBeNull();
    await sandbox.driver.sendText(newcomer, 'hello');
    const bare = { id: newcomer, number: '4915112345678', name: null, pushname: null, isMyContact: false, isBusiness: false, isBlocked: false };
    expect(await sandbox.driver.getContact(newcomer)).toEqual(bare);
    expect((await sandbox.driver.listContacts()).at(-1)).toEqual(bare);
  });

  it('gets one contact, and null for unknown people and for groups', async () => {
    sandbox = await linkedSandbox();
    expect(await sandbox.driver.getContact(stranger)).toMatchObject({ pushname: 'Dave', isMyContact: false });
    expect(await sandbox.driver.getContact('19990000001@c.us')).toBeNull();
    expect(await sandbox.driver.getContact(team)).toBeNull();
  });

  it('describes the seeded group with the account as super admin, Alice as admin and Bob', async () => {
    sandbox = await linkedSandbox();
    const group = await sandbox.driver.getGroup(team);
    expect(group).toMatchObject({ id: team, name: 'Sandbox Team', owner: SANDBOX_ACCOUNT.wid });
    expect(group?.description).toEqual(expect.any(String));
    expect(group?.createdAt).toBeLessThan(sandbox.world.nowSeconds());
    expect(group?.participants).toEqual([
      { id: SANDBOX_ACCOUNT.wid, isAdmin: true, isSuperAdmin: true },
      { id: alice, isAdmin: true, isSuperAdmin: false },
      { id: bob, isAdmin: false, isSuperAdmin: false },
    ]);
    expect((await sandbox.driver.getChat(team))?.name).toBe(group?.name);
  });

  it('answers null for a one-to-one chat or an unknown group, and hands out copies', async () => {
    sandbox = await linkedSandbox();
    expect(await sandbox.driver.getGroup(alice)).toBeNull();
    expect(await sandbox.driver.getGroup('120363999999999999@g.us')).toBeNull();
    (await sandbox.driver.getGroup(team))!.participants.pop();
    expect((await sandbox.driver.getGroup(team))?.participants).toHaveLength(3);
  });
});
