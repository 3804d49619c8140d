import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';
import { writeHead } from '../hijack.js';
import { sendJsonRpcError } from '../json-rpc-error.js';
import { keepAlive, sseEvent, startSse } from './sse.js';

/**
 * The answer to one POST that carried requests: an SSE stream (spec clients) or one JSON body
 * (old clients), finished once every request of the POST has its answer.
 */
export class Exchange {
  readonly #reply: FastifyReply;
  readonly #ids: readonly RequestId[];
  /** JSON answers collect here until the last one; SSE answers are written as they come. */
  readonly #answers: Map<RequestId, JSONRPCMessage> | undefined;
  #waiting: number;
  #stopKeepAlive: (() => void) | undefined;

  readonly #sessionId: string | undefined;

  constructor(reply: FastifyReply, ids: readonly RequestId[], sse: boolean, sessionId: string | undefined) {
    this.#reply = reply;
    this.#ids = ids;
    this.#waiting = ids.length;
    this.#sessionId = sessionId;
    if (sse) {
      startSse(reply, sessionId);
      this.#stopKeepAlive = keepAlive(reply.raw);
    } else {
      this.#answers = new Map();
    }
  }

  /** The client went away (or the answer is complete): nothing more can be written. */
  get gone(): boolean {
    return this.#reply.raw.destroyed || this.#reply.raw.writableEnded;
  }

  /** A notification or request the server sends while answering (progress, logging): SSE only. */
  write(message: JSONRPCMessage): void {
    if (!this.#answers && !this.gone) this.#reply.raw.write(sseEvent(message));
  }

  /** The answer to one of the requests. */
  answer(id: RequestId, message: JSONRPCMessage): void {
    if (this.#answers) this.#answers.set(id, message);
    else this.write(message);
    this.#settleOne();
  }

  /** One of the requests was cancelled by its client: it gets no answer. */
  cancel(): void {
    this.#settleOne();
  }

  /** One request fewer to wait for; the last one finishes the exchange. */
  #settleOne(): void {
    this.#waiting -= 1;
    if (this.#waiting === 0) this.#finish();
  }

  /** The response closed (the client went away, or the answer is complete). */
  closed(): void {
    this.#stopKeepAlive?.();
  }

  /** Ends the answer early (the session closed): an SSE stream just ends, a JSON answer says why. */
  abandon(): void {
    if (this.gone) return;
    if (this.#answers) sendJsonRpcError(this.#reply, 503, -32000, 'The MCP session closed before the answer was ready; retry.');
    else this.#finish();
  }

  #finish(): void {
    this.#stopKeepAlive?.();
    if (this.gone) return;
    const res = this.#reply.raw;
    if (!this.#answers) {
      res.end();
      return;
    }
    const answers = this.#ids.flatMap((id) => this.#answers!.get(id) ?? []);
    if (answers.length === 0) {
      // Every request was cancelled: nothing to answer, as for notifications.
      writeHead(this.#reply, 202, {});
      res.end();
      return;
    }
    const body = JSON.stringify(this.#ids.length === 1 ? answers[0] : answers);
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    if (this.#sessionId !== undefined) headers['mcp-session-id'] = this.#sessionId;
    writeHead(this.#reply, 200, headers);
    res.end(body);
  }
}
