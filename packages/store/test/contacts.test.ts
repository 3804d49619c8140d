import type { Contact } from '@wa/core';
import { describe, expect, it } from 'vitest';
import { openStore } from './support.js';

function contact(id: string, overrides: Partial<Contact> = {}): Contact {
  return { id, number: id.split('@')[0] ?? null, name: null, pushname: null, isMyContact: true, isBusiness: false, isBlocked: false, ...overrides };
}

const JOSE = contact('351910000001@c.us', { name: 'José Álvarez' });
const JOANA = contact('351910000002@c.us', { name: 'Joana Silva', pushname: 'Jo' });
const MARIA = contact('351910000003@c.us', { name: 'Maria José Santos' });
const STRANGER = contact('15550100777@c.us', { pushname: 'Zoë the Plumber', isMyContact: false });
const LID = contact('123456789012345@lid', { number: null, pushname: 'Ünal' });

async function directory() {
  const store = openStore();
  await store.upsertContacts([JOSE, JOANA, MARIA, STRANGER, LID]);
  return store;
}

const ids = (contacts: Contact[]) => contacts.map((c) => c.id);

describe('contacts', () => {
  it('are found by name, ignoring case and diacritics, a name starting with the word first', async () => {
    const store = await directory();
    expect(ids(await store.searchContacts('JOSE', 10))).toEqual([JOSE.id, MARIA.id]);
    expect(ids(await store.searchContacts('álvarez', 10))).toEqual([JOSE.id]);
    expect(ids(await store.searchContacts('zoe', 10))).toEqual([STRANGER.id]);
    expect(ids(await store.searchContacts('unal', 10))).toEqual([LID.id]);
  });

  it('are found by pushname, and by a piece of a word', async () => {
    const store = await directory();
    expect(ids(await store.searchContacts('plumb', 10))).toEqual([STRANGER.id]);
    expect(ids(await store.searchContacts('ilv', 10))).toEqual([JOANA.id]);
  });

  it('need every word of the query, in any field and any order', async () => {
    const store = await directory();
    expect(ids(await store.searchContacts('santos jose', 10))).toEqual([MARIA.id]);
    expect(ids(await store.searchContacts('jo silva', 10))).toEqual([JOANA.id]);
    expect(await store.searchContacts('jose silva', 10)).toEqual([]);
  });

  it('are found by number, whatever punctuation the query has', async () => {
    const store = await directory();
    expect(ids(await store.searchContacts('+351 910 000 002', 10))).toEqual([JOANA.id]);
    expect(ids(await store.searchContacts('(555) 010-0777', 10))).toEqual([STRANGER.id]);
    expect(ids(await store.searchContacts('3519100', 10))).toEqual([JOANA.id, JOSE.id, MARIA.id]);
  });

  it('rank a field starting with the word first, then a word starting with it, own contacts first, then by name', async () => {
    const store = await directory();
    await store.upsertContacts([contact('15550100888@c.us', { name: 'Aaron Jo', isMyContact: false })]);
    expect(ids(await store.searchContacts('jo', 10))).toEqual([JOANA.id, JOSE.id, MARIA.id, '15550100888@c.us']);
    expect(ids(await store.searchContacts('jo', 2))).toEqual([JOANA.id, JOSE.id]);
    expect(ids(await store.searchContacts('', 10))).toEqual([JOANA.id, JOSE.id, MARIA.id, LID.id, '15550100888@c.us', STRANGER.id]);
  });

  it('are replaced by a newer report, and read back one by one', async () => {
    const store = await directory();
    await store.upsertContacts([{ ...JOSE, name: 'Pepe', isBlocked: true }]);
    expect(await store.getContact(JOSE.id)).toEqual({ ...JOSE, name: 'Pepe', isBlocked: true });
    expect(await store.searchContacts('alvarez', 10)).toEqual([]);
    expect(await store.getContact('nobody@c.us')).toBeNull();
  });
});
