import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { convertScalars } from './convert-scalars.js';

const schema = Type.Object({ phone_number: Type.String(), limit: Type.Integer(), note: Type.Optional(Type.Boolean()) });

describe('convertScalars', () => {
  it('turns a numeric phone number into a string and a numeric string into a number', () => {
    expect(convertScalars(schema, { phone_number: 15551234567, limit: '5' })).toEqual({ phone_number: '15551234567', limit: 5 });
  });

  it('leaves values it cannot convert losslessly for validation to reject', () => {
    expect(convertScalars(schema, { limit: 'five', phone_number: Number.NaN, note: 'yes' })).toEqual({ limit: 'five', phone_number: Number.NaN, note: 'yes' });
    expect(convertScalars(schema, { limit: '2.5' })).toEqual({ limit: 2.5 });
  });

  it('returns the same object when nothing changes, and non-objects untouched', () => {
    const input = { phone_number: '1', limit: 1 };
    expect(convertScalars(schema, input)).toBe(input);
    expect(convertScalars(schema, [1])).toEqual([1]);
    expect(convertScalars(schema, null)).toBeNull();
  });
});
