import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What the gateway sends as Cache-Control on /mcp: never stored (pairing codes travel in tool results). */
const NO_STORE = 'no-store, no-transform';

/**
 * Takes the response over from Fastify; every answer then goes through `writeHead` below, which
 * carries the headers hooks set on the reply (CORS, security headers: hijacking drops them).
 */
export function hijack(reply: FastifyReply): void {
  coalesceWrites(reply.raw);
  reply.hijack();
}

/**
 * Writes the status and headers of a hijacked reply: the hooks' headers, then the answer's own.
 * The SDK writes `Cache-Control: no-cache` on its SSE streams, which lets a cache store them; that
 * one header is replaced by `no-store`.
 */
export function writeHead(reply: FastifyReply, status: number, headers: OutgoingHttpHeaders): void {
  const all = reply.getHeaders() as OutgoingHttpHeaders;
  for (const name in headers) all[name] = headers[name];
  if (headers['cache-control'] !== undefined) all['cache-control'] = NO_STORE;
  reply.raw.writeHead(status, all);
}

/**
 * An SSE answer is written in pieces (the headers, the event, then the end of the chunked body),
 * and each write is its own TCP segment and wake-up of the client. Corking the socket until the
 * end of this turn of the event loop sends what is ready by then in one write; anything later (a
 * slow tool, a long-lived stream) is written as it comes.
 */
function coalesceWrites(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  socket.cork();
  setImmediate(() => socket.uncork());
}

/**
 * Serves one HTTP request with the SDK's web-standard Streamable HTTP transport. The SDK's Node
 * wrapper (`StreamableHTTPServerTransport`) does the same through @hono/node-server, which builds a
 * full fetch `Request` per request (URL parsing, every header validated and copied) and streams the
 * `Response` back through generic promise plumbing: about a quarter of a tools/call's CPU time.
 * The transport reads only the method, the URL and a few headers, and takes the body Fastify
 * already parsed; its answer is written as it comes (SSE) or in one piece (JSON, 202, errors).
 * Call after `hijack`.
 */
export async function serveWithTransport(transport: WebStandardStreamableHTTPServerTransport, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const response = await transport.handleRequest(requestView(request), { parsedBody: request.body });
  await writeResponse(response, reply, request.method === 'GET');
}

/** The part of the fetch `Headers` API the transport uses, over Node's header object (no copy). */
class NodeHeaders {
  readonly #raw: IncomingHttpHeaders;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** Node's header names are lower case already (the transport copies them for `requestInfo`). */
  entries(): IterableIterator<[string, string]> {
    return (Object.entries(this.#raw) as [string, string][])[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.entries()) callback(value, name);
  }
}

const SAFE_HOST = /^[\w.:[\]-]+$/;

function requestView(request: FastifyRequest): Request {
  const raw = request.raw;
  const host = raw.headers.host !== undefined && SAFE_HOST.test(raw.headers.host) ? raw.headers.host : 'localhost';
  const view = { method: request.method, url: `http://${host}${raw.url ?? '/'}`, headers: new NodeHeaders(raw.headers) };
  return view as unknown as Request;
}

async function writeResponse(response: Response, reply: FastifyReply, isGetStream: boolean): Promise<void> {
  const res = reply.raw;
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body = response.body;
  if (!body || !String(headers['content-type']).startsWith('text/event-stream')) {
    const data = body ? Buffer.from(await response.arrayBuffer()) : null;
    if (data) headers['content-length'] = data.byteLength;
    if (res.destroyed) return;
    writeHead(reply, response.status, headers);
    res.end(data ?? undefined);
    return;
  }
  writeHead(reply, response.status, headers);
  // A GET stream may stay quiet for long: its client learns the stream is open before the first
  // event. A POST's answer follows at once, in the same write.
  if (isGetStream) res.flushHeaders();
  const reader = body.getReader();
  // A client that goes away cancels the stream, which tells the transport to forget it.
  const cancel = (): void => void reader.cancel().catch(() => undefined);
  res.once('close', cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await drained(res);
    }
  } finally {
    res.off('close', cancel);
    if (!res.destroyed) res.end();
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
