/**
 * `pnpm bench:compare`: paired runs of the gateways of several built checkouts, for a change's
 * before/after on a noisy machine. Every gateway runs at once in its own process; each round runs
 * every case on every gateway in turn (the order reversed every other round), and the medians of
 * the server CPU time per request and of req/s are reported per case and checkout. `--baseline`
 * adds the bare Fastify app of `pnpm bench`, run once a round, answering the first checkout's status.
 *
 *   node --import tsx bench/compare.ts [--cases status,mcp_session,mcp_legacy] [--rounds 5]
 *        [--seconds 3] [--connections 10] [--baseline] CHECKOUT...
 *
 * A checkout is a directory holding this repo, installed and built (`pnpm install && pnpm run
 * build`), for example a `git worktree add /tmp/before <commit>`; `.` is this one (build it first).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CASE_NAMES, type CaseName } from './config.js';
import { request, sleep } from './http.js';
import { BASELINE_REQUEST, gatewayRequest, runLoad } from './load.js';
import { openSession } from './mcp-client.js';
import { startBaselineProcess, startGatewayProcess, type ServerProcess } from './processes.js';
import type { RunStats } from './types.js';

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
const unknown = cases.filter((name) => !(CASE_NAMES as readonly string[]).includes(name) || name === 'status_quiet');
if (unknown.length > 0 || positionals.length === 0) {
  console.error(`usage: bench/compare.ts [--cases ${CASE_NAMES.filter((name) => name !== 'status_quiet').join(',')}] [--rounds N] CHECKOUT...`);
  process.exit(2);
}
const rounds = Number(values.rounds);
const durationMs = Number(values.seconds) * 1000;
const connections = Number(values.connections);

interface Gateway {
  root: string;
  server: ServerProcess;
  /** The live MCP session of the mcp_session case. */
  sessionId: string | undefined;
}

async function link(base: string): Promise<void> {
  await request(`${base}/api/auth/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  for (let i = 0; i < 200; i++) {
    if ((JSON.parse((await request(`${base}/api/status`)).text) as { state?: string }).state === 'ready') return;
    await sleep(25);
  }
  throw new Error(`${base}: the sandbox session did not become ready`);
}

async function start(root: string): Promise<Gateway> {
  const server = await startGatewayProcess({ entry: 'dist', root });
  try {
    await link(server.base);
    return { root, server, sessionId: cases.includes('mcp_session') ? await openSession(server.base) : undefined };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

function report(label: string, root: string, stats: RunStats[]): void {
  const cpu = stats.map((run) => run.cpuUsPerRequest);
  const bad = stats.reduce((sum, run) => sum + run.non2xx + run.errors, 0);
  console.log(
    `${label.padEnd(12)} ${root}\n  µs/req ${cpu.map((us) => us.toFixed(1)).join(' ')}  median ${median(cpu).toFixed(1)} | req/s median ${Math.round(median(stats.map((run) => run.rps)))} | non-2xx/errors ${bad}`,
  );
}

const gateways: Gateway[] = [];
let baseline: ServerProcess | null = null;
try {
  for (const checkout of positionals) gateways.push(await start(resolve(checkout)));
  if (values.baseline && gateways[0]) baseline = await startBaselineProcess((await request(`${gateways[0].server.base}/api/status`)).text);
  const baselineRuns: RunStats[] = [];
  const runs = new Map<string, RunStats[]>();
  const key = (name: CaseName, gateway: Gateway): string => `${name}\n${gateway.root}`;
  const runCase = (gateway: Gateway, name: CaseName, ms: number): Promise<RunStats> =>
    runLoad(gateway.server, gatewayRequest(name, gateway.sessionId), connections, ms);
  for (const name of cases) for (const gateway of gateways) await runCase(gateway, name, 1000); // warm-up
  if (baseline) await runLoad(baseline, BASELINE_REQUEST, connections, 1000);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [...gateways].reverse() : gateways;
    if (baseline) baselineRuns.push(await runLoad(baseline, BASELINE_REQUEST, connections, durationMs));
    for (const name of cases) {
      for (const gateway of order) {
        const stats = await runCase(gateway, name, durationMs);
        runs.set(key(name, gateway), [...(runs.get(key(name, gateway)) ?? []), stats]);
      }
    }
  }
  console.log(`${rounds} rounds, ${connections} connections, ${durationMs / 1000} s a run; server CPU µs per request (each run, then the median), req/s median`);
  if (baseline) report('baseline', 'bare Fastify (bench/children/baseline.mjs)', baselineRuns);
  for (const name of cases) for (const gateway of gateways) report(name, gateway.root, runs.get(key(name, gateway)) ?? []);
} finally {
  await Promise.all([...gateways.map((gateway) => gateway.server.stop()), baseline?.stop()]);
}
