/**
 * Paired runs of the gateways of several checkouts of this repo (`pnpm bench:compare`, see
 * compare.ts): every gateway runs at once in its own process; each round runs every case on every
 * gateway in turn, the order reversed every other round, so a noisy stretch of a shared machine
 * falls on all of them. Reported per case and checkout: the runs and their medians.
 */
import { resolve } from 'node:path';
import type { BenchConfig, CaseName } from './config.js';
import { linkSandbox } from './bench.js';
import { request } from './http.js';
import { BASELINE_REQUEST, gatewayRequest, runLoad } from './load.js';
import { openSession } from './mcp-client.js';
import { startBaselineProcess, startGatewayProcess, type ServerProcess } from './processes.js';
import { median } from './startup.js';
import type { RunStats } from './types.js';

/** The cases a comparison can run: each needs one gateway (the `warn` gateway of `status_quiet` is the bench's own). */
export const COMPARABLE_CASES: readonly CaseName[] = ['status', 'health', 'send', 'mcp_session', 'mcp_legacy'];

export interface CompareOptions {
  /** Directories holding this repo, installed and built (for `dist`). */
  checkouts: string[];
  cases: CaseName[];
  rounds: number;
  durationMs: number;
  connections: number;
  /** Also run the bare Fastify baseline once a round, answering the first gateway's status body. */
  baseline: boolean;
  /** `dist` (what users run) or `source` (tests). */
  entry: BenchConfig['serverEntry'];
}

export interface CompareRow {
  /** A case name, or `baseline`. */
  label: string;
  /** The checkout (absolute), or a description of the baseline. */
  root: string;
  runs: RunStats[];
  medianCpuUsPerRequest: number;
  medianRps: number;
  /** Non-2xx answers plus connection errors over every run. */
  failures: number;
}

interface Gateway {
  root: string;
  server: ServerProcess;
  /** The live MCP session of the mcp_session case. */
  sessionId: string | undefined;
}

async function startGateway(root: string, options: CompareOptions): Promise<Gateway> {
  const server = await startGatewayProcess({ entry: options.entry, root });
  try {
    await linkSandbox(server.base);
    return { root, server, sessionId: options.cases.includes('mcp_session') ? await openSession(server.base) : undefined };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function row(label: string, root: string, runs: RunStats[]): CompareRow {
  return {
    label,
    root,
    runs,
    medianCpuUsPerRequest: median(runs.map((run) => run.cpuUsPerRequest)),
    medianRps: median(runs.map((run) => run.rps)),
    failures: runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
  };
}

export async function compareCheckouts(options: CompareOptions): Promise<CompareRow[]> {
  const unknown = options.cases.filter((name) => !COMPARABLE_CASES.includes(name));
  if (unknown.length > 0) throw new Error(`cases a comparison can run: ${COMPARABLE_CASES.join(', ')} (not ${unknown.join(', ')})`);
  const gateways: Gateway[] = [];
  let baseline: ServerProcess | null = null;
  try {
    for (const checkout of options.checkouts) gateways.push(await startGateway(resolve(checkout), options));
    const first = gateways[0];
    if (options.baseline && first) baseline = await startBaselineProcess((await request(`${first.server.base}/api/status`)).text);
    const runCase = (gateway: Gateway, name: CaseName, ms: number): Promise<RunStats> =>
      runLoad(gateway.server, gatewayRequest(name, gateway.sessionId), options.connections, ms);
    const warmUpMs = Math.min(1000, options.durationMs);
    for (const name of options.cases) for (const gateway of gateways) await runCase(gateway, name, warmUpMs);
    if (baseline) await runLoad(baseline, BASELINE_REQUEST, options.connections, warmUpMs);

    const baselineRuns: RunStats[] = [];
    const runs = gateways.map(() => new Map<CaseName, RunStats[]>());
    for (let round = 0; round < options.rounds; round++) {
      if (baseline) baselineRuns.push(await runLoad(baseline, BASELINE_REQUEST, options.connections, options.durationMs));
      const order = round % 2 ? [...gateways.keys()].reverse() : [...gateways.keys()];
      for (const name of options.cases) {
        for (const index of order) {
          const gateway = gateways[index] as Gateway;
          const byCase = runs[index] as Map<CaseName, RunStats[]>;
          byCase.set(name, [...(byCase.get(name) ?? []), await runCase(gateway, name, options.durationMs)]);
        }
      }
    }
    const rows = baseline ? [row('baseline', 'bare Fastify (bench/children/baseline.mjs)', baselineRuns)] : [];
    for (const name of options.cases) gateways.forEach((gateway, index) => rows.push(row(name, gateway.root, runs[index]?.get(name) ?? [])));
    return rows;
  } finally {
    await Promise.all([...gateways.map((gateway) => gateway.server.stop()), baseline?.stop()]);
  }
}

export function formatComparison(rows: CompareRow[], options: CompareOptions): string[] {
  const lines = [`${options.rounds} rounds, ${options.connections} connections, ${options.durationMs / 1000} s a run; server CPU µs per request (each run, then the median), req/s median`];
  for (const { label, root, runs, medianCpuUsPerRequest, medianRps, failures } of rows) {
    lines.push(`${label.padEnd(12)} ${root}`);
    lines.push(`  µs/req ${runs.map((run) => run.cpuUsPerRequest.toFixed(1)).join(' ')}  median ${medianCpuUsPerRequest.toFixed(1)} | req/s median ${Math.round(medianRps)} | non-2xx/errors ${failures}`);
  }
  return lines;
}
