import { BUDGETS, type CaseName } from './config.js';
import type { BenchResult, BudgetCheck, LoadRow } from './types.js';

const MB = 2 ** 20;
const fmt = (value: number, digits = 2): string => value.toFixed(digits);

function rowsOf(result: Pick<BenchResult, 'load'>, name: CaseName): LoadRow[] {
  return result.load.filter((row) => row.case === name);
}

/** The worst connection count of a throughput budget decides it; each one is listed. */
type Pair = { connections: number; rps: number; cpu: number };

const list = (pairs: Pair[], pick: (p: Pair) => number): string => pairs.map((p) => `${fmt(pick(p))} @${p.connections}c`).join(', ');

function throughputBudget(name: string, budget: string, threshold: number, pairs: Pair[], extra = ''): BudgetCheck {
  if (pairs.length === 0) return { name, budget, measured: 'not measured', pass: false };
  const note = `CPU-time equivalent (server CPU per request, inverted): ${list(pairs, (p) => p.cpu)}${extra}`;
  return { name, budget, measured: list(pairs, (p) => p.rps), pass: pairs.every((p) => p.rps >= threshold), note };
}

/** The relative figure of `name` against REST status, per connection count: req/s ratio and CPU-per-request ratio. */
function versusStatus(result: Pick<BenchResult, 'load'>, name: CaseName): { connections: number; rps: number; cpu: number }[] {
  return rowsOf(result, name).flatMap((row) => {
    const status = rowsOf(result, 'status').find((s) => s.connections === row.connections);
    if (!status) return [];
    return [{ connections: row.connections, rps: row.gateway.rps / status.gateway.rps, cpu: status.gateway.cpuUsPerRequest / row.gateway.cpuUsPerRequest }];
  });
}

/** Upper bound of "flat": idle RSS after GC plus the larger of 10 MB and 10%. */
export function flatLimitBytes(idleRssAfterGcBytes: number): number {
  return idleRssAfterGcBytes + Math.max(BUDGETS.flatSlackBytes, BUDGETS.flatSlackFraction * idleRssAfterGcBytes);
}

export function checkBudgets(result: Omit<BenchResult, 'budgets'>): BudgetCheck[] {
  const asPair = (row: LoadRow): Pair => ({ connections: row.connections, rps: row.ratios.rps, cpu: 1 / row.ratios.cpu });
  const status = rowsOf(result, 'status').map(asPair);
  const quiet = rowsOf(result, 'status_quiet').map(asPair);
  const quietNote = quiet.length > 0 ? `; without the access log line (WHATSAPP_LOG_LEVEL=warn): ${list(quiet, (p) => p.rps)} req/s, ${list(quiet, (p) => p.cpu)} CPU` : '';
  const { memory, startup } = result;
  const flatLimit = flatLimitBytes(memory.idleRssAfterGcBytes);
  const heapLimit = memory.idleHeapUsedBytes + BUDGETS.flatHeapSlackBytes;
  return [
    throughputBudget('REST status throughput', `GET /api/status req/s >= ${BUDGETS.statusVsBaseline} x bare Fastify`, BUDGETS.statusVsBaseline, status, quietNote),
    throughputBudget('MCP tools/call, live session', `req/s >= ${BUDGETS.mcpVsStatus} x GET /api/status`, BUDGETS.mcpVsStatus, versusStatus(result, 'mcp_session')),
    throughputBudget('MCP plain-JSON POST', `req/s >= ${BUDGETS.mcpVsStatus} x GET /api/status`, BUDGETS.mcpVsStatus, versusStatus(result, 'mcp_legacy')),
    {
      name: 'Idle RSS',
      budget: `< ${BUDGETS.idleRssBytes / MB} MB for an idle gateway (no Chromium; whatsapp-web.js not loaded)`,
      measured: `${fmt(memory.settledIdleRssBytes / MB, 1)} MB after ${fmt(memory.settledIdleAfterS, 0)} s idle; driver modules loaded: ${result.gateway.driverModulesLoaded.length}`,
      pass: memory.settledIdleRssBytes < BUDGETS.idleRssBytes && result.gateway.driverModulesLoaded.length === 0,
      note: `in the first seconds after start-up, before V8 gives back its start-up heap: ${fmt(memory.idleRssBytes / MB, 1)} MB${memory.idleRssBytes < BUDGETS.idleRssBytes ? ' (also under budget)' : ' (over budget)'}`,
    },
    {
      name: 'Memory flat after the sweep',
      budget: `after sweep + GC: RSS <= idle RSS after GC + max(10 MB, 10%) = ${fmt(flatLimit / MB, 1)} MB and heap used <= idle heap used + 5 MB = ${fmt(heapLimit / MB, 1)} MB; sweep verified`,
      measured: `RSS ${fmt(memory.rssAfterSweepBytes / MB, 1)} MB, heap used ${fmt(memory.heapUsedAfterSweepBytes / MB, 1)} MB`,
      pass: memory.sweepVerified && memory.gcAvailable && memory.rssAfterSweepBytes <= flatLimit && memory.heapUsedAfterSweepBytes <= heapLimit,
      note: `idle, after one MCP session: RSS ${fmt(memory.idleRssAfterGcBytes / MB, 1)} MB, heap ${fmt(memory.idleHeapUsedBytes / MB, 1)} MB; with ${memory.sessions} abandoned sessions: RSS ${fmt(memory.rssWithSessionsBytes / MB, 1)} MB, heap ${fmt(memory.heapUsedWithSessionsBytes / MB, 1)} MB (${fmt(memory.heapBytesPerSession / 1024, 1)} KB per session)`,
    },
    {
      name: 'Start-up',
      budget: `first GET /api/status < ${BUDGETS.startupMs} ms after spawn (median of ${startup.samplesMs.length})`,
      measured: `${Math.round(startup.medianMs)} ms (bare Fastify ${Math.round(startup.baselineMedianMs)} ms)`,
      pass: startup.samplesMs.length > 0 && startup.medianMs < BUDGETS.startupMs,
    },
  ];
}
