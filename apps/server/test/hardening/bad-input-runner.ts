import { answerProblems } from './answer-checks.js';
import { relink, type HardenedGateway } from './hardening-gateway.js';
import { SPEC_HEADERS } from './hostile-mcp.js';
import type { HostileCase } from './hostile-requests.js';
import { send, sseData } from './wire.js';

export interface RunOptions {
  /** The session is kept linked: a hostile logout is undone before the next request. */
  linked: boolean;
  /** Sent as `Authorization: Bearer` on every request. */
  token?: string;
}

export interface RunSummary {
  /** Hostile requests sent (not counting the liveness probes and MCP session set-up). */
  requests: number;
  byStatus: Record<string, number>;
  /** One line per request that got a wrong answer, or after which the gateway was not well. */
  failures: string[];
  /** How often a hostile request unlinked the phone and the run linked it again. */
  relinks: number;
  /** The slowest requests, slowest first, as `<ms> <case>`. */
  slowest: string[];
}

const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'runner', version: '1' } } });

/** Opens a spec-mode MCP session the way a Streamable HTTP client does; returns its id. */
async function openMcpSession(port: number, auth: Record<string, string>): Promise<string> {
  const [answer] = await send(port, { method: 'POST', path: '/mcp', headers: SPEC_HEADERS, body: INITIALIZE }, auth);
  const id = answer?.headers['mcp-session-id'];
  if (answer?.status !== 200 || !id) throw new Error(`initialize failed: ${answer?.status} ${answer?.body.toString().slice(0, 200)}`);
  const result = sseData(answer.body.toString()).map((data) => JSON.parse(data) as { result?: unknown });
  if (!result.some((message) => message.result)) throw new Error('initialize answered without a result');
  await send(port, { method: 'POST', path: '/mcp', headers: SPEC_HEADERS, body: '{"jsonrpc":"2.0","method":"notifications/initialized"}' }, { ...auth, 'mcp-session-id': id });
  return id;
}

async function livezProblem(port: number): Promise<string | null> {
  try {
    const [answer] = await send(port, { method: 'GET', path: '/livez' });
    const body = answer?.body.toString();
    return answer?.status === 200 && body === '{"ok":true}' ? null : `GET /livez answered ${answer?.status} ${body}`;
  } catch (error) {
    return `GET /livez failed: ${(error as Error).message}`;
  }
}

function pollution(): string | null {
  const probe = {} as Record<string, unknown>;
  if (probe['polluted'] !== undefined || 'polluted' in Object.prototype) return 'Object.prototype was polluted';
  if (typeof Object.prototype.toString !== 'function' || typeof probe['hasOwnProperty'] !== 'function') return 'Object.prototype methods were replaced';
  return null;
}

/** Sends every case to the gateway, one at a time, and judges each answer and the gateway after it. */
export async function runHostileSuite(gateway: HardenedGateway, cases: readonly HostileCase[], options: RunOptions): Promise<RunSummary> {
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const summary: RunSummary = { requests: 0, byStatus: {}, failures: [], relinks: 0, slowest: [] };
  const timings: Array<[number, string]> = [];
  let sessionId: string | null = null;
  let staleId: string | null = null;
  for (const c of cases) {
    const extra = { ...auth };
    const problems: string[] = [];
    if (sessionId !== null && !gateway.mcpSessions.get(sessionId)) {
      staleId = sessionId;
      sessionId = null;
    }
    if (c.withSession === 'stale') {
      if (staleId === null) problems.push('no MCP session was deleted before this case');
      extra['mcp-session-id'] = staleId ?? 'none';
    } else if (c.withSession) {
      sessionId ??= await openMcpSession(gateway.port, auth);
      extra['mcp-session-id'] = sessionId;
    }
    const started = performance.now();
    try {
      const answers = await send(gateway.port, c.request, extra);
      for (const answer of answers) summary.byStatus[answer.status] = (summary.byStatus[answer.status] ?? 0) + 1;
      problems.push(...answerProblems(c, answers, { notLinked: !options.linked }));
    } catch (error) {
      if (!(c.answerless && /closed without an answer/.test((error as Error).message))) problems.push(`no answer: ${(error as Error).message}`);
    }
    summary.requests += 1;
    timings.push([Math.round(performance.now() - started), c.name]);
    const after = [await livezProblem(gateway.port), pollution()].filter((problem): problem is string => problem !== null);
    problems.push(...after);
    if (options.linked) {
      try {
        if (await relink(gateway)) summary.relinks += 1;
      } catch (error) {
        problems.push(`could not link again: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) summary.failures.push(`${c.name}: ${problems.join('; ')}`);
  }
  summary.slowest = timings
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5)
    .map(([ms, name]) => `${ms} ms ${name}`);
  return summary;
}
