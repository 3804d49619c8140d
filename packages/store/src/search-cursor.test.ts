import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, searchFingerprint } from './search-cursor.js';

describe('search cursors', () => {
  const search = searchFingerprint(['"word"', 0, 100]);

  it('round-trip a position exactly, fractional ranks included', () => {
    const position = { lo: 2 ** 50, hi: Number.MAX_SAFE_INTEGER, rank: -1.2345678901234567e-6, seq: 2 ** 52 + 3, search };
    expect(decodeCursor(encodeCursor(position), search)).toEqual(position);
  });

  it('are opaque URL-safe text, under 160 characters at their longest', () => {
    expect(encodeCursor({ lo: 0, hi: 1, rank: -2.5, seq: 1, search })).toMatch(/^[A-Za-z0-9_-]+$/);
    const longest = { lo: Number.MAX_SAFE_INTEGER, hi: Number.MAX_SAFE_INTEGER, rank: -1.2345678901234567e-300, seq: Number.MAX_SAFE_INTEGER, search };
    expect(encodeCursor(longest).length).toBeLessThan(160);
  });

  it('belong to one search', () => {
    const cursor = encodeCursor({ lo: 0, hi: 1, rank: 0, seq: 1, search });
    expect(() => decodeCursor(cursor, searchFingerprint(['"other"', 0, 100]))).toThrow(/belongs to another search/);
  });

  it('reject anything else as invalid_input', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of ['', '!!!', forged({}), forged([2, 0, 1, 0, 1, search]), forged([1, 0, 1, 'x', 1, search]), forged([1, 0.5, 1, 0, 1, search])]) {
      expect(() => decodeCursor(cursor, search), cursor).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});
