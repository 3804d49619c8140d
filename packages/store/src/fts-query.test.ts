import { describe, expect, it } from 'vitest';
import { toFtsQuery as parse } from './fts-query.js';

const toFtsQuery = (text: string) => parse(text).expression;

describe('toFtsQuery', () => {
  it('quotes every word, so FTS5 sees no syntax', () => {
    expect(toFtsQuery('hello world')).toBe('"hello" "world"');
    expect(toFtsQuery('a AND b OR NOT c')).toBe('"a" "AND" "b" "OR" "NOT" "c"');
    expect(toFtsQuery('NEAR(x y, 3)')).toBe('"NEAR" "x" "y" "3"');
    expect(toFtsQuery('body:cheap -spam +x ^start')).toBe('"body cheap" "spam" "x" "start"');
  });

  it('keeps quoted phrases and prefix stars', () => {
    expect(toFtsQuery('"brave new" wor*')).toBe('"brave new" "wor"*');
    expect(toFtsQuery('"new wor"*')).toBe('"new wor"*');
    expect(toFtsQuery('*leading wo*rd')).toBe('"leading" "wo rd"');
  });

  it('joins the words of a term with punctuation inside into a phrase', () => {
    expect(toFtsQuery("e-mail 12:30 don't")).toBe('"e mail" "12 30" "don t"');
  });

  it('says whether a prefix term is present', () => {
    expect(parse('wor*').hasPrefix).toBe(true);
    expect(parse('"a b"*').hasPrefix).toBe(true);
    expect(parse('a * b').hasPrefix).toBe(false);
  });

  it('drops an unbalanced quote', () => {
    expect(toFtsQuery('"brave new')).toBe('"brave" "new"');
    expect(toFtsQuery('"a b" "c')).toBe('"a b" "c"');
  });

  it('keeps letters of every script, with their diacritics', () => {
    expect(toFtsQuery('Reunião ñandú Ελλάδα 東京')).toBe('"Reunião" "ñandú" "Ελλάδα" "東京"');
  });

  it('throws invalid_input when there is nothing to look for', () => {
    for (const text of ['', ' \t\n', '*', '"', '"" ()', '- : ^', '😂']) {
      expect(() => toFtsQuery(text), JSON.stringify(text)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});
