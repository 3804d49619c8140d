import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult, LoadRow } from './types.js';

const MB = 2 ** 20;
/** Everything from this line on in docs/benchmarks.md is written by hand and kept by `pnpm bench`. */
export const KEPT_MARKER = '<!-- Written by hand below this line; `pnpm bench` keeps it. -->';

const USAGE = `# Benchmarks

The gateway against a bare Fastify app on the same machine, in the same run. Absolute numbers drift
on shared machines; the ratios and the server CPU time per request are the figures to compare.

## Running it

\`\`\`sh
pnpm bench                       # builds, then about 2.5 minutes; rewrites docs/benchmarks.md and docs/benchmarks.json
pnpm bench -- --quick            # about 1.5 minutes, 1,000 sessions and shorter runs; prints only, writes nothing
pnpm bench -- --profile mcp_session   # V8 CPU profile of the gateway under one case: self time by package and top frames,
                                      # with and without the write system calls (cases: status, health, send, mcp_session,
                                      # mcp_legacy; add --log-level warn, --seconds N, --connections N, --keep-profile DIR)
pnpm bench:compare --rounds 5 /tmp/before .   # paired runs of built checkouts (a change's before and after):
                                              # server CPU per request and req/s, medians (see bench/compare.ts)
\`\`\`

\`pnpm bench\` runs \`pnpm run build\` and then \`node --import tsx bench/run.ts\`: the servers are the
compiled JavaScript users run (\`node apps/server/dist/main.js\`), each in its own process so CPU time
and memory are read per process (\`process.cpuUsage()\` and \`process.memoryUsage()\` of that process,
reported over IPC by a small preload, \`bench/children/probe.mjs\`). Only the load generator
(autocannon) runs through tsx. The gateway uses the sandbox driver, linked through
\`POST /api/auth/start\`, with its security hooks (Host/Origin check, CORS, token hook, security
headers) and its default log level (\`info\`: one JSON access line per request, here to /dev/null). A
second gateway process started with \`WHATSAPP_LOG_LEVEL=warn\` serves the "no access log line" row:
the difference is what request logging costs. A third one is linked and left alone for the whole
run: its RSS at the end is the idle RSS (in its first half minute a gateway still holds the heap its
start-up grew, about 30 MB more). The baseline is \`bench/children/baseline.mjs\`: the same Fastify,
no hooks, no logger, one GET route answering the gateway's own status body (every gateway case is
compared with it, POST cases included). CPU time per request is the server process's user + system
CPU over the run divided by the responses: on a shared machine it is steadier than requests/s,
which also depend on the load generator sharing the two cores. The benchmark is not part of
\`npm test\`; a smoke test (\`apps/server/test/bench-smoke.test.ts\`) runs the same code on a tiny
configuration.
`;

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const int = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const mb = (bytes: number): string => `${fixed(bytes / MB, 1)} MB`;

function loadTable(rows: LoadRow[]): string[] {
  const lines = [
    '| case | conns | req/s | x baseline | p50 ms | x | p99 ms | x | CPU µs/req | x | non-2xx / errors | baseline req/s | baseline p50 / p99 ms | baseline CPU µs/req |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of rows) {
    const g = row.gateway;
    const b = row.baseline;
    lines.push(
      `| ${row.label} | ${row.connections} | ${int(g.rps)} | ${fixed(row.ratios.rps, 2)} | ${fixed(g.p50Ms, 2)} | ${fixed(row.ratios.p50, 2)} | ${fixed(g.p99Ms, 2)} | ${fixed(row.ratios.p99, 2)} | ${fixed(g.cpuUsPerRequest, 1)} | ${fixed(row.ratios.cpu, 2)} | ${g.non2xx} / ${g.errors} | ${int(b.rps)} | ${fixed(b.p50Ms, 2)} / ${fixed(b.p99Ms, 2)} | ${fixed(b.cpuUsPerRequest, 1)} |`,
    );
  }
  return lines;
}

function mcpVersusStatus(rows: LoadRow[]): string[] {
  const lines = ['| case | conns | req/s ÷ REST status req/s | REST status CPU/req ÷ its CPU/req |', '|---|--:|--:|--:|'];
  for (const row of rows.filter((r) => r.case === 'mcp_session' || r.case === 'mcp_legacy')) {
    const status = rows.find((r) => r.case === 'status' && r.connections === row.connections);
    if (!status) continue;
    lines.push(`| ${row.label} | ${row.connections} | ${fixed(row.gateway.rps / status.gateway.rps, 2)} | ${fixed(status.gateway.cpuUsPerRequest / row.gateway.cpuUsPerRequest, 2)} |`);
  }
  return lines;
}

/** The generated part of docs/benchmarks.md. */
export function renderMarkdown(result: BenchResult): string {
  const { machine, memory, startup, config } = result;
  const lines: string[] = [USAGE, `## Results of ${result.date.slice(0, 10)}`, ''];
  lines.push(
    `Run at ${result.date} on ${machine.cpuModel}, ${machine.cores} cores, ${fixed(machine.memoryBytes / 2 ** 30, 1)} GiB memory, Node ${machine.node} (${machine.platform}); ${fixed(result.durationS, 0)} s in all.`,
    `Gateway: ${result.gateway.entry}, log level ${result.gateway.logLevel}. Status body ${result.gateway.statusBodyBytes} bytes, baseline body ${result.gateway.baselineBodyBytes} bytes.`,
    `Load: autocannon ${config.connections.join(' and ')} connections, ${config.warmupMs} ms warm-up per case, ${config.durationMs} ms per measured run, baseline and gateway runs alternating (each gateway run is compared with the mean of the baseline runs just before and after it).`,
    '',
    '### Budgets',
    '',
    '| budget | target | measured | verdict |',
    '|---|---|---|---|',
    ...result.budgets.map((b) => `| ${b.name} | ${b.budget} | ${b.measured}${b.note ? `<br>${b.note}` : ''} | ${b.pass ? 'PASS' : 'MISS'} |`),
    '',
    '### Throughput, latency and CPU per request',
    '',
    '"x" columns are gateway ÷ baseline: above 1 is better for req/s, below 1 is better for latency and CPU.',
    '',
    ...loadTable(result.load),
    '',
    'MCP against REST status (same run, same connection count):',
    '',
    ...mcpVersusStatus(result.load),
    '',
    `Baseline req/s of every run, in order: ${Object.entries(result.baselineRps)
      .map(([c, list]) => `${c} connections ${list.join(', ')}`)
      .join('; ')}.`,
    '',
    '### Memory (gateway process RSS)',
    '',
    '| moment | RSS | heap used |',
    '|---|--:|--:|',
    `| idle gateway, never sent a request, ${fixed(memory.settledIdleAfterS, 0)} s after start | ${mb(memory.settledIdleRssBytes)} | ${mb(memory.settledIdleHeapUsedBytes)} |`,
    `| measured gateway, linked, first seconds, before any traffic (MCP SDK not loaded) | ${mb(memory.idleRssBytes)} | ${mb(memory.idleHeapUsedBeforeMcpBytes)} |`,
    `| after one MCP session (loads the SDK; its initialize took ${int(memory.firstMcpInitializeMs)} ms), forced GC | ${mb(memory.idleRssAfterGcBytes)} | ${mb(memory.idleHeapUsedBytes)} |`,
    `| ${memory.sessions} abandoned MCP sessions (initialize only), after GC | ${mb(memory.rssWithSessionsBytes)} | ${mb(memory.heapUsedWithSessionsBytes)} |`,
    `| after the idle sweep, after GC | ${mb(memory.rssAfterSweepBytes)} | ${mb(memory.heapUsedAfterSweepBytes)} |`,
    '',
    `Heap per abandoned session: ${fixed(memory.heapBytesPerSession / 1024, 1)} KB. Sessions opened in ${int(memory.sessionsOpenMs)} ms; WHATSAPP_MCP_SESSION_IDLE_MS=${memory.sessionIdleMs}; sweep ${memory.sweepVerified ? 'verified (sampled sessions answer 404)' : 'NOT verified'} ${fixed(memory.sweepWaitMs / 1000, 1)} s after the last session opened. whatsapp-web.js/puppeteer modules loaded in the sandbox gateway after all cases: ${result.gateway.driverModulesLoaded.length === 0 ? 'none' : result.gateway.driverModulesLoaded.join(', ')}.`,
    '',
    '### Start-up (cold process to first successful GET /api/status)',
    '',
    `Gateway (\`${startup.entry.replace(/^.*?(apps\/)/, '$1')}\`): median ${int(startup.medianMs)} ms of ${startup.samplesMs.map((ms) => int(ms)).join(', ')} ms. Bare Fastify: median ${int(startup.baselineMedianMs)} ms.`,
    '',
  );
  return lines.join('\n');
}

/** Writes `<dir>/benchmarks.json` and `<dir>/benchmarks.md`, keeping the hand-written part of the Markdown file. */
export function writeReport(result: BenchResult, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'benchmarks.json');
  const markdown = join(dir, 'benchmarks.md');
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  let kept = `${KEPT_MARKER}\n`;
  if (existsSync(markdown)) {
    const previous = readFileSync(markdown, 'utf8');
    const at = previous.indexOf(KEPT_MARKER);
    if (at >= 0) kept = previous.slice(at);
  }
  writeFileSync(markdown, `${renderMarkdown(result)}\n${kept}`);
  return { json, markdown };
}

/** One line per budget, for the terminal. */
export function budgetLines(result: BenchResult): string[] {
  return result.budgets.map((b) => `${b.pass ? 'PASS' : 'MISS'}  ${b.name}: ${b.measured}  [budget: ${b.budget}]${b.note ? `\n      ${b.note}` : ''}`);
}
