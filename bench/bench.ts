import { cpus, totalmem } from 'node:os';
import { checkBudgets } from './budgets.js';
import { CASE_LABELS, QUIET_CASES, type BenchConfig, type CaseName } from './config.js';
import { request, sleep } from './http.js';
import { BASELINE_REQUEST, gatewayRequest, meanStats, runLoad } from './load.js';
import { checkLegacyCall, checkStatusCall, closeSession, openSession } from './mcp-client.js';
import { measureMemory } from './memory.js';
import { startBaselineProcess, startGatewayProcess, type ServerProcess } from './processes.js';
import { measureStartup } from './startup.js';
import type { BenchResult, LoadRow, MachineInfo, RunStats } from './types.js';

export function describeMachine(): MachineInfo {
  const list = cpus();
  return { cpuModel: list[0]?.model.trim() ?? 'unknown', cores: list.length, memoryBytes: totalmem(), node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** POST /api/auth/start and wait for `ready`: the sandbox links itself after WHATSAPP_SANDBOX_LINK_DELAY_MS. */
export async function linkSandbox(base: string): Promise<string> {
  const start = await request(`${base}/api/auth/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (start.status !== 200) throw new Error(`POST /api/auth/start answered ${start.status}: ${start.text}`);
  for (let i = 0; i < 200; i++) {
    const status = await request(`${base}/api/status`);
    if ((JSON.parse(status.text) as { state?: string }).state === 'ready') return status.text;
    await sleep(25);
  }
  throw new Error('the sandbox session did not become ready');
}

/** Checks each case answers correctly once before it is measured (a fast error is not a result). */
async function checkCasesAnswer(base: string, cases: CaseName[]): Promise<void> {
  for (const name of cases) {
    if (name === 'mcp_session') {
      const id = await openSession(base);
      await checkStatusCall(base, id);
      await closeSession(base, id);
    } else if (name === 'mcp_legacy') {
      await checkLegacyCall(base);
    } else {
      const load = gatewayRequest(name);
      const answer = await request(`${base}${load.path}`, { method: load.method ?? 'GET', headers: load.headers ?? {}, ...(load.body ? { body: load.body } : {}) });
      if (answer.status !== 200) throw new Error(`${CASE_LABELS[name]} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
  }
}

/** The measured gateway, and the second one without the access log line (for QUIET_CASES). */
interface Gateways {
  main: ServerProcess;
  quiet: ServerProcess | null;
}

function serverFor(gateways: Gateways, name: CaseName): ServerProcess {
  if (!QUIET_CASES.includes(name)) return gateways.main;
  if (!gateways.quiet) throw new Error(`case ${name} needs the second gateway`);
  return gateways.quiet;
}

/** One gateway run of a case; the live-session case opens a session for the run and ends it after. */
async function runGatewayCase(gateways: Gateways, name: CaseName, connections: number, durationMs: number): Promise<RunStats> {
  const gateway = serverFor(gateways, name);
  const sessionId = name === 'mcp_session' ? await openSession(gateway.base) : undefined;
  try {
    return await runLoad(gateway, gatewayRequest(name, sessionId), connections, durationMs);
  } finally {
    if (sessionId) await closeSession(gateway.base, sessionId);
  }
}

function rpsText(run: RunStats): string {
  return `${Math.round(run.rps)} req/s, ${run.cpuUsPerRequest.toFixed(1)} µs CPU/req`;
}

/** Warm-up, then baseline and gateway runs alternating: B G1 B G2 B ... Gn B, per connection count. */
async function measureLoad(gateways: Gateways, baseline: ServerProcess, config: BenchConfig, log: (line: string) => void) {
  const rows: LoadRow[] = [];
  const baselineRps: Record<string, number[]> = {};
  for (const connections of config.connections) {
    if (config.warmupMs > 0) {
      await runLoad(baseline, BASELINE_REQUEST, connections, config.warmupMs);
      for (const name of config.cases) await runGatewayCase(gateways, name, connections, config.warmupMs);
    }
    const baselineRuns = [await runLoad(baseline, BASELINE_REQUEST, connections, config.durationMs)];
    for (const name of config.cases) {
      const run = await runGatewayCase(gateways, name, connections, config.durationMs);
      baselineRuns.push(await runLoad(baseline, BASELINE_REQUEST, connections, config.durationMs));
      const reference = meanStats(baselineRuns.slice(-2));
      rows.push({
        case: name,
        label: CASE_LABELS[name],
        connections,
        gateway: run,
        baseline: reference,
        ratios: {
          rps: run.rps / reference.rps,
          p50: run.p50Ms / reference.p50Ms,
          p99: run.p99Ms / reference.p99Ms,
          cpu: run.cpuUsPerRequest / reference.cpuUsPerRequest,
        },
      });
      log(`${connections}c ${CASE_LABELS[name]}: ${rpsText(run)} (baseline ${rpsText(reference)})`);
    }
    baselineRps[String(connections)] = baselineRuns.map((run) => Math.round(run.rps));
  }
  return { rows, baselineRps };
}

/** The whole benchmark: one gateway process (memory first, then load), one baseline process, then cold starts. */
export async function runBench(config: BenchConfig, log: (line: string) => void = (line) => console.log(line)): Promise<BenchResult> {
  const began = performance.now();
  const nodeArgs = ['--expose-gc'];
  const env: Record<string, string> = {
    WHATSAPP_MCP_SESSION_IDLE_MS: String(config.sessionIdleMs),
    // Room for every abandoned session: the point is what the sweep reclaims, not the cap.
    WHATSAPP_MCP_MAX_SESSIONS: String(Math.max(1000, config.sessions + 100)),
    ...(config.logLevel ? { WHATSAPP_LOG_LEVEL: config.logLevel } : {}),
  };
  log(`starting the gateway (${config.serverEntry}) and linking the sandbox`);
  const needsQuiet = config.cases.some((name) => QUIET_CASES.includes(name));
  // A third gateway is linked and left alone: its RSS at the end of the run is the settled idle RSS.
  const [gateway, quiet, idle] = await Promise.all([
    startGatewayProcess({ entry: config.serverEntry, env, nodeArgs }),
    needsQuiet ? startGatewayProcess({ entry: config.serverEntry, env: { ...env, WHATSAPP_LOG_LEVEL: 'warn' } }) : null,
    startGatewayProcess({ entry: config.serverEntry, env, nodeArgs }),
  ]);
  const idleSince = performance.now();
  let measured: Pick<BenchResult, 'load' | 'baselineRps' | 'memory'> & { statusBody: string; driverModules: string[] };
  try {
    const [statusBody] = await Promise.all([linkSandbox(gateway.base), quiet ? linkSandbox(quiet.base) : null, linkSandbox(idle.base)]);
    const measuredMemory = await measureMemory(gateway, config, log);
    await checkCasesAnswer(gateway.base, config.cases.filter((name) => !QUIET_CASES.includes(name)));
    const baseline = await startBaselineProcess(statusBody);
    try {
      const { rows, baselineRps } = await measureLoad({ main: gateway, quiet }, baseline, config, log);
      // After every case ran (sends included): the sandbox must never have loaded the browser driver.
      const driverModules = await gateway.driverModules();
      const settled = await idle.usage();
      const memory = {
        ...measuredMemory,
        settledIdleRssBytes: settled.memory.rss,
        settledIdleHeapUsedBytes: settled.memory.heapUsed,
        settledIdleAfterS: (performance.now() - idleSince) / 1000,
      };
      log(`idle gateway after ${Math.round(memory.settledIdleAfterS)} s: RSS ${(memory.settledIdleRssBytes / 2 ** 20).toFixed(1)} MB`);
      measured = { load: rows, baselineRps, memory, statusBody, driverModules };
    } finally {
      await baseline.stop();
    }
  } catch (error) {
    log(`gateway stderr:\n${gateway.errors()}`);
    throw error;
  } finally {
    await Promise.all([gateway.stop(), quiet?.stop(), idle.stop()]);
  }
  const startup = await measureStartup(config, log);
  const partial: Omit<BenchResult, 'budgets'> = {
    schemaVersion: 1,
    date: new Date().toISOString(),
    machine: describeMachine(),
    config,
    gateway: {
      entry: config.serverEntry === 'dist' ? 'node apps/server/dist/main.js (compiled)' : 'node --import tsx apps/server/src/main.ts (source)',
      logLevel: config.logLevel ?? 'info (default), JSON lines to /dev/null',
      statusBodyBytes: Buffer.byteLength(measured.statusBody),
      baselineBodyBytes: Buffer.byteLength(JSON.stringify(JSON.parse(measured.statusBody))),
      driverModulesLoaded: measured.driverModules,
    },
    load: measured.load,
    baselineRps: measured.baselineRps,
    memory: measured.memory,
    startup,
    durationS: 0,
  };
  const result: BenchResult = { ...partial, budgets: checkBudgets(partial), durationS: (performance.now() - began) / 1000 };
  return result;
}
