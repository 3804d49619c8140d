import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../../../bench/bench.js';
import { CASE_LABELS, TINY_CONFIG } from '../../../bench/config.js';
import { KEPT_MARKER, budgetLines, renderMarkdown, writeReport } from '../../../bench/report.js';
import type { BenchResult } from '../../../bench/types.js';

// `pnpm bench` itself (minutes, noisy) never runs in the test suite; this runs the same code on a
// tiny configuration (one connection, 300 ms per run, five sessions, one cold start) to prove the
// benchmark still works end to end against the gateway as it is now.
describe('the benchmark on a tiny run', () => {
  const out = mkdtempSync(join(tmpdir(), 'wa-bench-smoke-'));
  let result: BenchResult;
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('measures every case against the baseline, memory, start-up and the budgets', { timeout: 90_000 }, async () => {
    result = await runBench(TINY_CONFIG, () => undefined);
    expect(result.load.map((row) => row.case)).toEqual(TINY_CONFIG.cases);
    for (const row of result.load) {
      for (const run of [row.gateway, row.baseline]) {
        expect(run.rps, row.case).toBeGreaterThan(0);
        expect(run.ok2xx, row.case).toBeGreaterThan(0);
        expect(run.p50Ms, row.case).toBeGreaterThan(0);
        expect(run.p99Ms, row.case).toBeGreaterThanOrEqual(run.p50Ms);
        expect(run.cpuUsPerRequest, row.case).toBeGreaterThan(0);
      }
      // Every answer was a success: a benchmark of error responses would be meaningless.
      expect(row.gateway.non2xx + row.gateway.errors, row.case).toBe(0);
      for (const ratio of Object.values(row.ratios)) expect(Number.isFinite(ratio)).toBe(true);
    }
    expect(result.gateway.driverModulesLoaded).toEqual([]);
    expect(result.gateway.statusBodyBytes).toBe(result.gateway.baselineBodyBytes);

    const { memory, startup } = result;
    expect(memory.gcAvailable).toBe(true);
    expect(memory.sweepVerified).toBe(true);
    expect(memory.settledIdleAfterS).toBeGreaterThan(0);
    for (const bytes of [memory.settledIdleRssBytes, memory.idleRssBytes, memory.idleRssAfterGcBytes, memory.rssWithSessionsBytes, memory.rssAfterSweepBytes, memory.heapUsedAfterSweepBytes]) {
      expect(bytes).toBeGreaterThan(10 * 2 ** 20);
    }
    expect(startup.samplesMs).toHaveLength(1);
    expect(startup.medianMs).toBeGreaterThan(0);
    expect(startup.baselineMedianMs).toBeGreaterThan(0);

    expect(result.budgets.map((b) => b.name)).toEqual([
      'REST status throughput',
      'MCP tools/call, live session',
      'MCP plain-JSON POST',
      'Idle RSS',
      'Memory flat after the sweep',
      'Start-up',
    ]);
    expect(budgetLines(result).every((line) => /^(PASS|MISS) {2}/.test(line))).toBe(true);
  });

  it('renders the Markdown table and writes the JSON, keeping the hand-written part', () => {
    const markdown = renderMarkdown(result);
    expect(markdown).toContain('pnpm bench');
    expect(markdown).toContain(result.machine.cpuModel);
    expect(markdown).toMatch(/\| budget \| target \| measured \| verdict \|/);
    for (const label of Object.values(CASE_LABELS)) expect(markdown).toContain(`| ${label} | 1 |`);

    const written = writeReport(result, out);
    expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    const markdownFile = readFileSync(written.markdown, 'utf8');
    expect(markdownFile.startsWith(markdown)).toBe(true);
    expect(markdownFile.split(KEPT_MARKER)).toHaveLength(2);
    // The next run rewrites the results and keeps what was written by hand below the marker.
    writeFileSync(written.markdown, `${markdownFile}\nNotes written by hand.\n`);
    writeReport(result, out);
    const rewritten = readFileSync(written.markdown, 'utf8');
    expect(rewritten).toContain('Notes written by hand.');
    expect(rewritten.split(KEPT_MARKER)).toHaveLength(2);
  });
});
