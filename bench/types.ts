import type { BenchConfig, CaseName } from './config.js';

/** One autocannon run against one server. */
export interface RunStats {
  /** Completed responses per second of wall time. */
  rps: number;
  /** Latency percentiles in ms, exact (from every response, not autocannon's 1 ms histogram). */
  p50Ms: number;
  p99Ms: number;
  responses: number;
  ok2xx: number;
  non2xx: number;
  /** Connection errors plus timeouts. */
  errors: number;
  /** Server process CPU time (user + system) divided by responses. */
  cpuUsPerRequest: number;
  durationS: number;
}

/** One case at one connection count, against the baseline runs around it. */
export interface LoadRow {
  case: CaseName;
  label: string;
  connections: number;
  gateway: RunStats;
  /** Mean of the two bare-Fastify runs just before and just after this one. */
  baseline: RunStats;
  ratios: {
    /** gateway req/s ÷ baseline req/s (higher is better). */
    rps: number;
    /** gateway latency ÷ baseline latency (lower is better). */
    p50: number;
    p99: number;
    /** gateway CPU per request ÷ baseline CPU per request (lower is better). */
    cpu: number;
  };
}

export interface MemoryResult {
  /**
   * A second gateway, linked and never sent a request, read at the end of the run (no forced GC):
   * what `ps` shows for an idle gateway once V8 has given back its start-up heap (it does so
   * within about 40 s of idling here).
   */
  settledIdleRssBytes: number;
  settledIdleHeapUsedBytes: number;
  /** Seconds between that gateway's start and the reading. */
  settledIdleAfterS: number;
  /** Right after linking, no traffic yet, no forced GC: what `ps` shows in the first seconds. */
  idleRssBytes: number;
  /** Same moment (the MCP SDK not loaded yet). */
  idleHeapUsedBeforeMcpBytes: number;
  /** The first MCP initialize of the process, which loads the MCP SDK: milliseconds to its answer. */
  firstMcpInitializeMs: number;
  /** After that session was closed, forced full GC: the reference for "flat". */
  idleRssAfterGcBytes: number;
  idleHeapUsedBytes: number;
  sessions: number;
  sessionsOpenMs: number;
  /** After opening every session (forced GC first). */
  rssWithSessionsBytes: number;
  heapUsedWithSessionsBytes: number;
  /** (heap with sessions − idle heap) ÷ sessions. */
  heapBytesPerSession: number;
  /** Every sampled session answered 404 after the sweep. */
  sweepVerified: boolean;
  sweepWaitMs: number;
  /** After the sweep, forced GC. */
  rssAfterSweepBytes: number;
  heapUsedAfterSweepBytes: number;
  sessionIdleMs: number;
  gcAvailable: boolean;
}

export interface StartupResult {
  samplesMs: number[];
  medianMs: number;
  baselineSamplesMs: number[];
  baselineMedianMs: number;
  entry: string;
}

export interface BudgetCheck {
  name: string;
  budget: string;
  measured: string;
  pass: boolean;
  /** A steadier second reading (CPU per request) where the budget is about throughput. */
  note?: string;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
}

export interface BenchResult {
  schemaVersion: 1;
  date: string;
  machine: MachineInfo;
  config: BenchConfig;
  gateway: {
    entry: string;
    logLevel: string;
    statusBodyBytes: number;
    baselineBodyBytes: number;
    /** whatsapp-web.js / puppeteer modules found loaded in the sandbox gateway (must be none). */
    driverModulesLoaded: string[];
  };
  load: LoadRow[];
  /** Every baseline run in order, per connection count: how steady the machine was. */
  baselineRps: Record<string, number[]>;
  memory: MemoryResult;
  startup: StartupResult;
  budgets: BudgetCheck[];
  durationS: number;
}
