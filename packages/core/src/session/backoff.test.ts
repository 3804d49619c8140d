import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base delay and stays within half and all of it', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(3000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffDelay(50, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffDelay(50, 1000, 60_000, () => 0)).toBe(30_000);
  });
});
