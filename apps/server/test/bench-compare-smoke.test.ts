import { describe, expect, it } from 'vitest';
import { compareCheckouts, formatComparison, type CompareOptions } from '../../../bench/compare-checkouts.js';
import { REPO_ROOT } from '../../../bench/processes.js';
import { median } from '../../../bench/startup.js';

describe('pnpm bench:compare on a tiny run', () => {
  it('takes the median of an odd and an even number of runs', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('runs every case on every checkout in every round, with the baseline, and reports successful answers only', { timeout: 90_000 }, async () => {
    // The same checkout twice, from source: what a before/after comparison runs, without a build.
    const options: CompareOptions = { checkouts: [REPO_ROOT, REPO_ROOT], cases: ['status', 'mcp_session'], rounds: 2, durationMs: 250, connections: 1, baseline: true, entry: 'source' };
    const rows = await compareCheckouts(options);
    expect(rows.map((row) => row.label)).toEqual(['baseline', 'status', 'status', 'mcp_session', 'mcp_session']);
    for (const row of rows) {
      expect(row.runs, row.label).toHaveLength(2);
      expect(row.failures, row.label).toBe(0);
      expect(row.medianRps, row.label).toBeGreaterThan(0);
      expect(row.medianCpuUsPerRequest, row.label).toBeGreaterThan(0);
      for (const run of row.runs) expect(run.ok2xx, row.label).toBeGreaterThan(0);
    }
    const lines = formatComparison(rows, options);
    expect(lines[0]).toMatch(/^2 rounds, 1 connections/);
    expect(lines.filter((line) => line.includes('median'))).toHaveLength(rows.length + 1);
  });

  it('refuses a case it cannot run', async () => {
    await expect(compareCheckouts({ checkouts: [REPO_ROOT], cases: ['status_quiet'], rounds: 1, durationMs: 100, connections: 1, baseline: false, entry: 'source' })).rejects.toThrow(/cases a comparison can run/);
  });
});
