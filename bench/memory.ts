import type { BenchConfig } from './config.js';
import { sleep } from './http.js';
import { closeSession, openSession, pingStatus } from './mcp-client.js';
import type { ServerProcess } from './processes.js';
import type { MemoryResult } from './types.js';

/** How often the gateway sweeps for a given idle time (apps/mcp's default: a tenth, between 1 s and 1 min). */
export function sweepEveryMs(idleMs: number): number {
  return Math.min(60_000, Math.max(1000, Math.floor(idleMs / 10)));
}

/** Opens `count` MCP sessions, `concurrency` at a time, and abandons them (no DELETE). */
async function openAbandonedSessions(base: string, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      ids[index] = await openSession(base);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return ids;
}

/** A few sessions spread over the list (first, last, and evenly between). */
function sample(ids: string[], size: number): string[] {
  if (ids.length <= size) return [...ids];
  return Array.from({ length: size }, (_, i) => ids[Math.floor((i * (ids.length - 1)) / (size - 1))] ?? ids[0]!);
}

/**
 * Idle memory of a freshly linked gateway, then after one MCP session (which loads the MCP SDK),
 * then with `config.sessions` abandoned MCP sessions, then after the idle sweep has closed them. Needs the gateway started with `--expose-gc` and
 * WHATSAPP_MCP_SESSION_IDLE_MS = `config.sessionIdleMs`, before any other traffic.
 */
export async function measureMemory(
  gateway: ServerProcess,
  config: BenchConfig,
  log: (line: string) => void,
): Promise<Omit<MemoryResult, 'settledIdleRssBytes' | 'settledIdleHeapUsedBytes' | 'settledIdleAfterS'>> {
  await sleep(Math.min(1000, config.sessionIdleMs / 4));
  const idle = await gateway.usage();
  // The gateway loads the MCP SDK on the first /mcp request: one session first, so that the
  // reference for "flat" holds what any gateway that served MCP holds, and only sessions differ.
  const firstStarted = performance.now();
  const first = await openSession(gateway.base);
  const firstMcpInitializeMs = performance.now() - firstStarted;
  await closeSession(gateway.base, first);
  const idleGc = await gateway.collectGarbage();
  log(`idle RSS ${(idle.memory.rss / 2 ** 20).toFixed(1)} MB; first MCP initialize ${Math.round(firstMcpInitializeMs)} ms; after it and a GC ${(idleGc.memory.rss / 2 ** 20).toFixed(1)} MB`);

  const opening = performance.now();
  const ids = await openAbandonedSessions(gateway.base, config.sessions, config.sessionConcurrency);
  const openedAt = performance.now();
  const sessionsOpenMs = openedAt - opening;
  if (sessionsOpenMs > config.sessionIdleMs / 2) {
    log(`warning: opening the sessions took ${Math.round(sessionsOpenMs)} ms, over half the idle time; some may be swept before the reading`);
  }
  const withSessions = await gateway.collectGarbage();
  log(`${config.sessions} abandoned MCP sessions opened in ${Math.round(sessionsOpenMs)} ms; RSS ${(withSessions.memory.rss / 2 ** 20).toFixed(1)} MB`);

  // Every session is idle from the moment it was opened; the last one is swept at most one sweep
  // period after it has been idle for `sessionIdleMs`. A probe on a live session keeps it alive,
  // so the sampled sessions are probed only once the sweep is due for all of them.
  const every = sweepEveryMs(config.sessionIdleMs);
  await sleep(Math.max(0, config.sessionIdleMs + every + 100 - (performance.now() - openedAt)));
  const probes = sample(ids, 5);
  let sweepVerified = false;
  for (let attempt = 0; attempt < 5 && !sweepVerified; attempt++) {
    if (attempt > 0) await sleep(every);
    const statuses = await Promise.all(probes.map((id) => pingStatus(gateway.base, id)));
    sweepVerified = statuses.every((status) => status === 404);
  }
  const sweepWaitMs = performance.now() - openedAt;
  const afterSweep = await gateway.collectGarbage();
  log(`after the sweep (${sweepVerified ? 'verified' : 'NOT verified'}): RSS ${(afterSweep.memory.rss / 2 ** 20).toFixed(1)} MB`);

  return {
    idleRssBytes: idle.memory.rss,
    idleHeapUsedBeforeMcpBytes: idle.memory.heapUsed,
    firstMcpInitializeMs,
    idleRssAfterGcBytes: idleGc.memory.rss,
    idleHeapUsedBytes: idleGc.memory.heapUsed,
    sessions: config.sessions,
    sessionsOpenMs,
    rssWithSessionsBytes: withSessions.memory.rss,
    heapUsedWithSessionsBytes: withSessions.memory.heapUsed,
    heapBytesPerSession: (withSessions.memory.heapUsed - idleGc.memory.heapUsed) / Math.max(1, config.sessions),
    sweepVerified,
    sweepWaitMs,
    rssAfterSweepBytes: afterSweep.memory.rss,
    heapUsedAfterSweepBytes: afterSweep.memory.heapUsed,
    sessionIdleMs: config.sessionIdleMs,
    gcAvailable: idleGc.gcAvailable,
  };
}
