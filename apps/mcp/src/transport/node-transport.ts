import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import { SUPPORTED_PROTOCOL_VERSIONS, isInitializeRequest, type JSONRPCMessage, type MessageExtraInfo, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { writeHead } from '../hijack.js';
import { sendJsonRpcError } from '../json-rpc-error.js';
import { Exchange } from './exchange.js';
import { cancelledRequestId, incomingMessages, isAnswer, isRequest, refusal, type Refusal } from './incoming-messages.js';
import { keepAlive, sseEvent, startSse } from './sse.js';

export interface NodeTransportOptions {
  /** Stateful transports hand out a session id at initialize; without it the transport is stateless. */
  sessionIdGenerator?: () => string;
  /**
   * Asked once an initialize passed every check, before a session id is handed out: false refuses
   * it (503, no session). The gateway's session limit; it must decide at once, so that concurrent
   * initializes cannot pass the limit together.
   */
  admitSession?: () => boolean;
  /** Called once the session id exists, before the initialize request reaches the server. */
  onsessioninitialized?: (sessionId: string) => void;
  /** Answer requests with one JSON body instead of an SSE stream (old clients), without asking for both in Accept. */
  jsonResponses?: boolean;
}

/**
 * MCP's Streamable HTTP transport, server side, on Node's request and response objects: an
 * implementation of the SDK's `Transport` interface, under the SDK's `Server`, which still parses,
 * dispatches and answers every message. It answers as the SDK's own
 * `WebStandardStreamableHTTPServerTransport` does (same statuses, JSON-RPC codes and messages;
 * no event store, so no resumption), without what made that one expensive on Node: a fetch
 * `Request`, `ReadableStream`, `Response` and timer per request, and the SDK's
 * `isInitializeRequest` run on every message (a failing zod parse, about 10 µs each, twice a
 * request). See docs/benchmarks.md.
 *
 * Requests of one transport are answered concurrently; a stateless transport may serve one request
 * after another (the plain-JSON path pools them).
 */
export class NodeStreamableHttpTransport implements Transport {
  sessionId?: string;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  readonly #options: NodeTransportOptions;
  /** Request id → the POST that waits for its answer. */
  readonly #waiting = new Map<RequestId, Exchange>();
  /** The session's GET stream, for messages not tied to a request. */
  #stream: FastifyReply | undefined;
  #started = false;
  #initialized = false;
  #closed = false;

  constructor(options: NodeTransportOptions = {}) {
    this.#options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error('Transport already started');
    this.#started = true;
  }

  /** Serves one HTTP request on a reply the caller has hijacked. */
  async handleRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (this.#closed) return this.#refuse(reply, refusal(404, -32001, 'Session not found'));
    if (request.method === 'POST') return this.#post(request, reply);
    if (request.method === 'GET') return this.#get(request, reply);
    if (request.method === 'DELETE') return this.#delete(request, reply);
    this.#refuse(reply, refusal(405, -32000, 'Method not allowed.'), { allow: 'GET, POST, DELETE' });
  }

  async #post(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const accept = request.headers.accept ?? '';
    if (!this.#options.jsonResponses && !(accept.includes('application/json') && accept.includes('text/event-stream'))) {
      return this.#refuse(reply, refusal(406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream'));
    }
    const messages = incomingMessages(request.body, request.headers['content-type']);
    if (!Array.isArray(messages)) return this.#refuse(reply, messages);
    // The SDK's full check runs only on messages that say they are an initialize.
    const initialize = messages.some((message) => 'method' in message && message.method === 'initialize' && isInitializeRequest(message));
    if (initialize) {
      if (this.#initialized && this.sessionId !== undefined) return this.#refuse(reply, refusal(400, -32600, 'Invalid Request: Server already initialized'));
      if (messages.length > 1) return this.#refuse(reply, refusal(400, -32600, 'Invalid Request: Only one initialization request is allowed'));
      if (this.#options.admitSession?.() === false) return this.#refuse(reply, refusal(503, -32000, 'Too many MCP sessions are busy; retry shortly.'));
      this.sessionId = this.#options.sessionIdGenerator?.();
      this.#initialized = true;
      if (this.sessionId !== undefined) this.#options.onsessioninitialized?.(this.sessionId);
    } else {
      const invalid = this.#checkSession(request) ?? checkProtocolVersion(request);
      if (invalid) return this.#refuse(reply, invalid);
    }
    if (this.#closed) return this.#refuse(reply, refusal(404, -32001, 'Session not found'));

    const extra: MessageExtraInfo = { requestInfo: { headers: request.headers } };
    const ids: RequestId[] = [];
    for (const message of messages) if (isRequest(message)) ids.push(message.id);
    if (ids.length === 0) {
      writeHead(reply, 202, {});
      reply.raw.end();
      this.#dispatch(messages, extra);
      return;
    }
    if (ids.some((id, index) => this.#waiting.has(id) || ids.indexOf(id) !== index)) {
      return this.#refuse(reply, refusal(400, -32600, 'Invalid Request: a request with this id is already in progress'));
    }
    const exchange = new Exchange(reply, ids, !this.#options.jsonResponses, this.sessionId);
    for (const id of ids) this.#waiting.set(id, exchange);
    // A client that goes away does not cancel its requests (the spec says so: a message may be
    // on its way); their ids stay taken until their answers come, and those are dropped.
    reply.raw.once('close', () => exchange.closed());
    this.#dispatch(messages, extra);
  }

  #dispatch(messages: JSONRPCMessage[], extra: MessageExtraInfo): void {
    for (const message of messages) {
      this.onmessage?.(message, extra);
      const cancelled = cancelledRequestId(message);
      if (cancelled !== undefined) this.#forgetCancelled(cancelled);
    }
  }

  /**
   * The SDK's server answers nothing to a request its client cancelled. Once the cancellation went
   * through (after the microtasks it started: an answer already on its way still goes out), the
   * request stops holding its POST and its id: the POST ends when nothing else of it is pending,
   * and the id may be used again.
   */
  #forgetCancelled(id: RequestId): void {
    setImmediate(() => {
      const exchange = this.#waiting.get(id);
      if (!exchange) return;
      this.#waiting.delete(id);
      exchange.cancel();
    });
  }

  async #get(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!request.headers.accept?.includes('text/event-stream')) {
      return this.#refuse(reply, refusal(406, -32000, 'Not Acceptable: Client must accept text/event-stream'));
    }
    const invalid = this.#checkSession(request) ?? checkProtocolVersion(request);
    if (invalid) return this.#refuse(reply, invalid);
    if (this.#stream) return this.#refuse(reply, refusal(409, -32000, 'Conflict: Only one SSE stream is allowed per session'));
    startSse(reply, this.sessionId);
    // The stream may stay quiet for long: its client learns at once that it is open.
    reply.raw.flushHeaders();
    this.#stream = reply;
    const stopKeepAlive = keepAlive(reply.raw);
    reply.raw.once('close', () => {
      stopKeepAlive();
      if (this.#stream === reply) this.#stream = undefined;
    });
  }

  async #delete(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const invalid = this.#checkSession(request) ?? checkProtocolVersion(request);
    if (invalid) return this.#refuse(reply, invalid);
    writeHead(reply, 200, {});
    reply.raw.end();
    await this.close();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const answer = isAnswer(message);
    const requestId = answer ? (message as { id?: RequestId }).id : options?.relatedRequestId;
    if (requestId === undefined) {
      if (answer) throw new Error('Cannot send a response on a standalone SSE stream unless resuming a previous client request');
      // Server-initiated messages travel on the GET stream, and are dropped when none is open.
      const stream = this.#stream?.raw;
      if (stream && !stream.destroyed && !stream.writableEnded) stream.write(sseEvent(message));
      return;
    }
    const exchange = this.#waiting.get(requestId);
    if (!exchange) throw new Error(`No connection established for request ID: ${String(requestId)}`);
    if (!answer) return exchange.write(message);
    this.#waiting.delete(requestId);
    exchange.answer(requestId, message);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const exchanges = new Set(this.#waiting.values());
    this.#waiting.clear();
    for (const exchange of exchanges) exchange.abandon();
    const stream = this.#stream?.raw;
    this.#stream = undefined;
    if (stream && !stream.writableEnded) stream.end();
    this.onclose?.();
  }

  #checkSession(request: FastifyRequest): Refusal | undefined {
    if (this.#options.sessionIdGenerator === undefined) return undefined;
    if (!this.#initialized) return refusal(400, -32000, 'Bad Request: Server not initialized');
    const sessionId = request.headers['mcp-session-id'];
    if (!sessionId) return refusal(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
    if (sessionId !== this.sessionId) return refusal(404, -32001, 'Session not found');
    return undefined;
  }

  #refuse(reply: FastifyReply, { status, code, message }: Refusal, headers?: Record<string, string>): void {
    this.onerror?.(new Error(message));
    if (headers) for (const name in headers) reply.header(name, headers[name]!);
    sendJsonRpcError(reply, status, code, message);
  }
}

function checkProtocolVersion(request: FastifyRequest): Refusal | undefined {
  const version = request.headers['mcp-protocol-version'];
  if (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) return undefined;
  return refusal(400, -32000, `Bad Request: Unsupported protocol version: ${String(version)} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`);
}
