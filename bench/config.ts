/** What one benchmark run measures and for how long. */

export const CASE_NAMES = ['status', 'health', 'send', 'mcp_session', 'mcp_legacy', 'status_quiet'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

export const CASE_LABELS: Record<CaseName, string> = {
  status: 'GET /api/status',
  health: 'GET /health',
  send: 'POST /api/send',
  mcp_session: 'MCP tools/call whatsapp_status (live session, SSE)',
  mcp_legacy: 'MCP plain-JSON POST (old client, no session)',
  status_quiet: 'GET /api/status, no access log line (WHATSAPP_LOG_LEVEL=warn)',
};

/** Cases served by a second gateway process started with WHATSAPP_LOG_LEVEL=warn: what the access log line costs. */
export const QUIET_CASES: readonly CaseName[] = ['status_quiet'];

export interface BenchConfig {
  /** `dist`: the compiled server (`node apps/server/dist/main.js`, what users run; needs `pnpm run build`). `source`: TypeScript through tsx (tests). */
  serverEntry: 'dist' | 'source';
  /** autocannon connection counts; every case runs at each. */
  connections: number[];
  /** One measured autocannon run. */
  durationMs: number;
  /** Unrecorded run per case and server before the measured ones (0: none). */
  warmupMs: number;
  cases: CaseName[];
  /** Abandoned MCP sessions (initialize only, never DELETE). */
  sessions: number;
  /** Initializes in flight at once while opening them. */
  sessionConcurrency: number;
  /** WHATSAPP_MCP_SESSION_IDLE_MS for the gateway: long enough to open every session before the sweep starts. */
  sessionIdleMs: number;
  /** Cold starts measured (the median is reported). */
  startupSamples: number;
  /** WHATSAPP_LOG_LEVEL of the measured gateway; null keeps the gateway's default (info), as users run it. */
  logLevel: string | null;
}

/** `pnpm bench`: about three minutes on a 2-core machine. */
export const FULL_CONFIG: BenchConfig = {
  serverEntry: 'dist',
  connections: [10, 50],
  durationMs: 3000,
  warmupMs: 1000,
  cases: [...CASE_NAMES],
  sessions: 3000,
  sessionConcurrency: 8,
  sessionIdleMs: 20_000,
  startupSamples: 5,
  logLevel: null,
};

/** The smoke test's configuration: every figure, in a few seconds, from TypeScript sources. */
export const TINY_CONFIG: BenchConfig = {
  serverEntry: 'source',
  connections: [1],
  durationMs: 250,
  warmupMs: 0,
  cases: [...CASE_NAMES],
  sessions: 5,
  sessionConcurrency: 5,
  sessionIdleMs: 1000,
  startupSamples: 1,
  logLevel: null,
};

/** The budgets of docs/architecture ("Performance budgets"). */
export const BUDGETS = {
  /** GET /api/status requests/s as a share of the bare Fastify route. */
  statusVsBaseline: 0.8,
  /** MCP tools/call (session, and plain JSON) requests/s as a share of GET /api/status. */
  mcpVsStatus: 0.2,
  idleRssBytes: 120 * 1024 * 1024,
  /** "Flat" after the sweep: RSS (after a forced GC) at most this much above idle RSS (after a forced GC)... */
  flatSlackBytes: 10 * 1024 * 1024,
  /** ...or this fraction of it, whichever is larger; */
  flatSlackFraction: 0.1,
  /** and heap used (after a forced GC) at most this much above idle heap used (one-time growth: compiled code, caches). */
  flatHeapSlackBytes: 5 * 1024 * 1024,
  startupMs: 1500,
} as const;
