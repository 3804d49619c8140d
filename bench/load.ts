/// <reference path="./autocannon.d.ts" />
import autocannon, { type AutocannonOptions, type AutocannonRequest } from 'autocannon';
import type { CaseName } from './config.js';
import { specHeaders, statusToolCall } from './mcp-client.js';
import type { ServerProcess } from './processes.js';
import type { RunStats } from './types.js';

/** What autocannon sends for one case. */
export type LoadRequest = Pick<AutocannonOptions, 'method' | 'headers' | 'body'> & {
  path: string;
  /** A new body for every request (autocannon 8's `idReplacement` gets Content-Length wrong with its hyperid 3). */
  bodyPerRequest?: (n: number) => string;
};

const SEND_BODY = JSON.stringify({ phone_number: '15557654321', message: 'benchmark message' });

/** The request of each gateway case. `sessionId` is needed by the live-session MCP case. */
export function gatewayRequest(name: CaseName, sessionId?: string): LoadRequest {
  switch (name) {
    case 'status':
    case 'status_quiet':
      return { path: '/api/status' };
    case 'health':
      return { path: '/health' };
    case 'send':
      return { path: '/api/send', method: 'POST', headers: { 'content-type': 'application/json' }, body: SEND_BODY };
    case 'mcp_session':
      // A fresh JSON-RPC id per request: concurrent requests of one session must not share an id.
      return { path: '/mcp', method: 'POST', headers: specHeaders(sessionId), bodyPerRequest: (n) => statusToolCall(n) };
    case 'mcp_legacy':
      // An old client: content-type only, no Accept, no session.
      return { path: '/mcp', method: 'POST', headers: { 'content-type': 'application/json' }, body: statusToolCall(1) };
  }
}

export const BASELINE_REQUEST: LoadRequest = { path: '/' };

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

let requestCounter = 0;

function perRequest(bodyFor: (n: number) => string): (request: AutocannonRequest) => AutocannonRequest {
  return (request) => ({ ...request, body: bodyFor(++requestCounter) });
}

/** One autocannon run; CPU per request comes from the server process's own CPU usage over the run. */
export async function runLoad(server: ServerProcess, load: LoadRequest, connections: number, durationMs: number): Promise<RunStats> {
  const latencies: number[] = [];
  const before = await server.usage();
  const result = await new Promise<import('autocannon').AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.base}${load.path}`,
        connections,
        duration: durationMs / 1000,
        // autocannon stops at the first sample tick after `duration`.
        sampleInt: Math.min(1000, durationMs),
        method: load.method ?? 'GET',
        headers: load.headers ?? {},
        ...(load.body === undefined ? {} : { body: load.body }),
        ...(load.bodyPerRequest ? { requests: [{ setupRequest: perRequest(load.bodyPerRequest) }] } : {}),
        timeout: 10,
      },
      (error, answer) => (error ? reject(error) : resolve(answer)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      latencies.push(responseTimeMs);
    });
  });
  const after = await server.usage();
  const cpuUs = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
  const sorted = Float64Array.from(latencies).sort();
  const responses = result.requests.total;
  return {
    rps: result.duration > 0 ? responses / result.duration : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    responses,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuUsPerRequest: responses > 0 ? cpuUs / responses : 0,
    durationS: result.duration,
  };
}

/** Field-wise mean of runs (the baseline runs around a gateway run). */
export function meanStats(runs: RunStats[]): RunStats {
  const mean = (pick: (run: RunStats) => number): number => runs.reduce((sum, run) => sum + pick(run), 0) / Math.max(1, runs.length);
  return {
    rps: mean((r) => r.rps),
    p50Ms: mean((r) => r.p50Ms),
    p99Ms: mean((r) => r.p99Ms),
    responses: Math.round(mean((r) => r.responses)),
    ok2xx: Math.round(mean((r) => r.ok2xx)),
    non2xx: Math.round(mean((r) => r.non2xx)),
    errors: Math.round(mean((r) => r.errors)),
    cpuUsPerRequest: mean((r) => r.cpuUsPerRequest),
    durationS: mean((r) => r.durationS),
  };
}
