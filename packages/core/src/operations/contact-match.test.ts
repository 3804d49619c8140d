import { describe, expect, it } from 'vitest';
import type { Contact } from '../driver/index.js';
import { foldText, matchContacts } from './contact-match.js';

const contact = (id: string, name: string | null, pushname: string | null, isMyContact = name !== null): Contact => ({
  id,
  number: id.endsWith('@c.us') ? id.split('@')[0]! : null,
  name,
  pushname,
  isMyContact,
  isBusiness: false,
  isBlocked: false,
});

const JOSE = contact('34600111222@c.us', 'José Álvarez', 'Pepe');
const ANNA = contact('4915112345678@c.us', 'Anna Schmidt', null);
const JOANNA = contact('15550100007@c.us', null, 'Joanna', false);
const LID = contact('201234567890123@lid', null, 'Lid Person', false);
const CONTACTS = [ANNA, JOANNA, JOSE, LID];

const ids = (found: Contact[]) => found.map((c) => c.id);

describe('contact matching', () => {
  it('folds case and diacritics on both sides', () => {
    expect(foldText('José ÁLVAREZ')).toBe('jose alvarez');
    expect(ids(matchContacts(CONTACTS, 'jose', 10))).toEqual([JOSE.id]);
    expect(ids(matchContacts(CONTACTS, 'ÁLVAREZ', 10))).toEqual([JOSE.id]);
    expect(ids(matchContacts(CONTACTS, 'pepe', 10))).toEqual([JOSE.id]);
  });

  it('needs every word of the query, in any field', () => {
    expect(ids(matchContacts(CONTACTS, 'anna schmidt', 10))).toEqual([ANNA.id]);
    expect(ids(matchContacts(CONTACTS, 'anna müller', 10))).toEqual([]);
  });

  it('ranks names that start with the query first, then a later word, then the rest', () => {
    const ANNE = contact('15550100008@c.us', 'Mary Anne', null);
    expect(ids(matchContacts([JOANNA, ANNE, ANNA], 'ann', 10))).toEqual([ANNA.id, ANNE.id, JOANNA.id]);
  });

  it('matches digits with phone punctuation against numbers, never against @lid ids', () => {
    expect(ids(matchContacts(CONTACTS, '+49 151', 10))).toEqual([ANNA.id]);
    expect(ids(matchContacts(CONTACTS, '(555) 010-0007', 10))).toEqual([JOANNA.id]);
    expect(ids(matchContacts(CONTACTS, '2012345', 10))).toEqual([]);
  });

  it('lists everyone for a blank query, saved contacts first and by name, up to the limit', () => {
    expect(ids(matchContacts(CONTACTS, '  ', 10))).toEqual([ANNA.id, JOSE.id, JOANNA.id, LID.id]);
    expect(ids(matchContacts(CONTACTS, '', 1))).toEqual([ANNA.id]);
  });
});
