import { describe, expect, it } from 'vitest';
import { MAX_SEQ_SECOND, SEQ_PER_SECOND, seqRange, seqSecond } from './message-seq.js';

describe('message seqs', () => {
  it('file a message under its second, clamped to what a safe integer holds', () => {
    expect(seqSecond(1_700_000_000.9)).toBe(1_700_000_000);
    expect(seqSecond(-5)).toBe(0);
    expect(seqSecond(1e12)).toBe(MAX_SEQ_SECOND);
    expect((MAX_SEQ_SECOND + 1) * SEQ_PER_SECOND - 1).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('turn an inclusive date range into a seq range', () => {
    expect(seqRange(undefined, undefined)).toEqual({ lo: 0, hi: Number.MAX_SAFE_INTEGER });
    expect(seqRange(10, 20)).toEqual({ lo: 10 * SEQ_PER_SECOND, hi: 21 * SEQ_PER_SECOND - 1 });
    expect(seqRange(10.2, 19.8)).toEqual({ lo: 11 * SEQ_PER_SECOND, hi: 20 * SEQ_PER_SECOND - 1 });
    expect(seqRange(undefined, -1).hi).toBeLessThan(0);
  });
});
