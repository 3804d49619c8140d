import { describe, expect, it } from 'vitest';
import { contactQueryWords, contactSearchKey, contactSortName, foldText, MAX_QUERY_WORDS } from './contact-search.js';

describe('contact search text', () => {
  it('folds case, diacritics, compatibility forms and white space', () => {
    expect(foldText('  José\tÁLVAREZ  ')).toBe('jose alvarez');
    expect(foldText('Ｍüller ﬁne')).toBe('muller fine');
    expect(foldText('Ελλάδα')).toBe('ελλαδα');
  });

  it('keys a contact by its names, one a line, then its number digits', () => {
    expect(contactSearchKey({ id: '15550100@c.us', name: 'Zoë Ñúñez', pushname: null, number: '+1 555-0100' })).toBe('\nzoe nunez\n\t15550100');
    expect(contactSearchKey({ id: '15550199@c.us', name: null, pushname: 'Bob', number: null })).toBe('\n\nbob\t15550199');
    expect(contactSearchKey({ id: '1234567@lid', name: null, pushname: 'Lid', number: null })).toBe('\n\nlid\t');
  });

  it('lists a contact by the folded name people see', () => {
    expect(contactSortName({ id: 'x@c.us', name: null, pushname: 'Ünal', number: '1' })).toBe('unal');
    expect(contactSortName({ id: 'x@lid', name: null, pushname: null, number: null })).toBe('x@lid');
  });

  it('reads a phone number, whole or in pieces, as its digits', () => {
    expect(contactQueryWords('+1 (555) 010-0001')).toEqual(['15550100001']);
    expect(contactQueryWords('bob 555-0100')).toEqual(['bob', '5550100']);
  });

  it('splits other queries into distinct folded words, at most a few', () => {
    expect(contactQueryWords(' José  jose ÁLVAREZ ')).toEqual(['jose', 'alvarez']);
    expect(contactQueryWords('   ')).toEqual([]);
    expect(contactQueryWords('a b c d e f g h i j')).toHaveLength(MAX_QUERY_WORDS);
  });
});
