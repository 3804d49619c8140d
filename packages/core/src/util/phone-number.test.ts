import { describe, expect, it } from 'vitest';
import { normalizeChatId, normalizePhoneNumber } from './phone-number.js';

describe('normalizePhoneNumber', () => {
  it('strips every non-digit, as the old service did', () => {
    expect(normalizePhoneNumber('+1 (555) 123-4567')).toBe('15551234567');
    expect(normalizePhoneNumber('49 151 2345 6789')).toBe('4915123456789');
  });

  it('requires 8 to 15 digits', () => {
    expect(normalizePhoneNumber('12345678')).toBe('12345678');
    expect(normalizePhoneNumber('123456789012345')).toBe('123456789012345');
    expect(() => normalizePhoneNumber('1234567')).toThrow(/8 to 15 digits.*got 7 digits/);
    expect(() => normalizePhoneNumber('1234567890123456')).toThrow(/got 16 digits/);
    expect(() => normalizePhoneNumber('call me')).toThrow(expect.objectContaining({ code: 'invalid_phone_number' }));
  });
});

describe('normalizeChatId', () => {
  it('accepts person, group and lid ids', () => {
    expect(normalizeChatId('15551234567@c.us')).toBe('15551234567@c.us');
    expect(normalizeChatId('120363012345678901@g.us')).toBe('120363012345678901@g.us');
    expect(normalizeChatId('123456789012345@lid')).toBe('123456789012345@lid');
  });

  it('turns a bare phone number into a person chat id', () => {
    expect(normalizeChatId('+1 555 123 4567')).toBe('15551234567@c.us');
  });

  it('rejects anything else with an actionable error', () => {
    for (const bad of ['', 'alice', 'x@y.com', '1555@c.us', '../../etc@g.us', 'a b@g.us']) {
      expect(() => normalizeChatId(bad), bad).toThrow(expect.objectContaining({ kind: 'invalid_input' }));
    }
  });
});
