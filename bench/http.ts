import { Agent, request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Reuse connections (session set-up); polling uses a fresh connection each time. */
  agent?: Agent | false;
  timeoutMs?: number;
}

/** Keep-alive connections for the many small set-up requests (MCP initialize and friends). */
export const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 16 });

/**
 * One HTTP request with node:http (not fetch: fetch's first use loads undici, which would be
 * counted in the first start-up sample).
 */
export function request(url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`${options.method ?? 'GET'} ${url} timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function getJson(url: string): Promise<unknown> {
  const answer = await request(url);
  if (answer.status !== 200) throw new Error(`GET ${url} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  return JSON.parse(answer.text) as unknown;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `url` answers 200; resolves with the milliseconds waited. Rejects when `failed()` returns a reason. */
export async function waitFor200(url: string, options: { timeoutMs: number; everyMs?: number; failed?: () => string | null }): Promise<number> {
  const started = performance.now();
  for (;;) {
    const reason = options.failed?.();
    if (reason) throw new Error(reason);
    try {
      const answer = await request(url, { timeoutMs: 2000 });
      if (answer.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > options.timeoutMs) throw new Error(`${url} did not answer 200 within ${options.timeoutMs} ms`);
    await sleep(options.everyMs ?? 5);
  }
}
