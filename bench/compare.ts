/**
 * `pnpm bench:compare`: a change's before and after on a noisy machine (see compare-checkouts.ts).
 *
 *   node --import tsx bench/compare.ts [--cases status,mcp_session,mcp_legacy] [--rounds 5]
 *        [--seconds 3] [--connections 10] [--baseline] CHECKOUT...
 *
 * A checkout is a directory holding this repo, installed and built (`pnpm install && pnpm run
 * build`), for example a `git worktree add /tmp/before <commit>`; `.` is this one (build it first).
 * `--baseline` adds the bare Fastify app of `pnpm bench`, run once a round.
 */
import { parseArgs } from 'node:util';
import { COMPARABLE_CASES, compareCheckouts, formatComparison, type CompareOptions } from './compare-checkouts.js';
import type { CaseName } from './config.js';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  allowPositionals: true,
  options: {
    cases: { type: 'string', default: 'status,mcp_session,mcp_legacy' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    baseline: { type: 'boolean', default: false },
  },
});

const cases = values.cases.split(',') as CaseName[];
const numbers = [values.rounds, values.seconds, values.connections].map(Number);
if (positionals.length === 0 || cases.some((name) => !COMPARABLE_CASES.includes(name)) || numbers.some((n) => !(n > 0))) {
  console.error(`usage: pnpm bench:compare [--cases ${COMPARABLE_CASES.join(',')}] [--rounds N] [--seconds S] [--connections N] [--baseline] CHECKOUT...`);
  process.exit(2);
}

const options: CompareOptions = {
  checkouts: positionals,
  cases,
  rounds: Number(values.rounds),
  durationMs: Number(values.seconds) * 1000,
  connections: Number(values.connections),
  baseline: values.baseline,
  entry: 'dist',
};
for (const line of formatComparison(await compareCheckouts(options), options)) console.log(line);
