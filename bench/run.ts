/**
 * `pnpm bench`: the gateway against a bare Fastify baseline (see docs/benchmarks.md).
 *
 *   node --import tsx bench/run.ts [--quick] [--source] [--log-level LEVEL] [--out DIR] [--no-write] [--strict]
 *   node --import tsx bench/run.ts --profile CASE [--seconds N] [--connections N] [--log-level LEVEL] [--keep-profile DIR]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from './bench.js';
import { CASE_NAMES, FULL_CONFIG, type BenchConfig, type CaseName } from './config.js';
import { formatSummary, profileCase } from './profile.js';
import { REPO_ROOT } from './processes.js';
import { budgetLines, writeReport } from './report.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    source: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    profile: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '10' },
    'keep-profile': { type: 'string' },
    'log-level': { type: 'string' },
  },
});

const entry: BenchConfig['serverEntry'] = values.source ? 'source' : 'dist';

async function profile(name: string): Promise<void> {
  if (!(CASE_NAMES as readonly string[]).includes(name)) throw new Error(`--profile takes one of ${CASE_NAMES.join(', ')}`);
  const { run, summary, profilePath } = await profileCase(name as CaseName, {
    entry,
    connections: Number(values.connections),
    durationMs: Number(values.seconds) * 1000,
    logLevel: values['log-level'] ?? null,
    ...(values['keep-profile'] ? { keepProfileIn: values['keep-profile'] } : {}),
  });
  console.log(`${name}: ${Math.round(run.rps)} req/s, ${run.cpuUsPerRequest.toFixed(1)} µs CPU/req (profiling slows both), non-2xx ${run.non2xx}, errors ${run.errors}`);
  console.log(formatSummary(summary));
  if (values['keep-profile']) console.log(`\nprofile: ${profilePath} (open it in Chrome DevTools > Performance)`);
}

async function bench(): Promise<void> {
  const config: BenchConfig = values.quick
    ? { ...FULL_CONFIG, serverEntry: entry, durationMs: 1500, warmupMs: 500, sessions: 1000, sessionIdleMs: 10_000, startupSamples: 3 }
    : { ...FULL_CONFIG, serverEntry: entry };
  if (values['log-level']) config.logLevel = values['log-level'];
  const result = await runBench(config);
  console.log('');
  for (const line of budgetLines(result)) console.log(line);
  // A quick run is a check, not a result: it writes nothing unless asked with --out.
  const out = values.out ?? (values.quick || values['no-write'] ? null : join(REPO_ROOT, 'docs'));
  if (out) {
    const written = writeReport(result, out);
    console.log(`\nwrote ${written.markdown} and ${written.json}`);
  }
  if (values.strict && result.budgets.some((b) => !b.pass)) process.exitCode = 1;
}

const main = values.profile ? profile(values.profile) : bench();
main.catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
