import { randomUUID } from 'node:crypto';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { OperationContext } from '@wa/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createMcpServer } from './create-mcp-server.js';
import { hijack } from './hijack.js';
import { NodeStreamableHttpTransport } from './transport/node-transport.js';

/**
 * Methods after which an SDK Server holds nothing of the request: its server can answer the next
 * old client. (initialize records the client, logging/setLevel a level per session id,
 * resources/subscribe a subscription: those servers are closed.)
 */
const REUSABLE_AFTER = new Set([
  'ping',
  'tools/list',
  'tools/call',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'prompts/list',
  'prompts/get',
  'notifications/initialized',
]);
/** Idle servers kept per gateway; more than this many concurrent old clients build servers again. */
const MAX_IDLE_SERVERS = 64;

/** A session id sent back as it came: visible ASCII, not too long (ours are UUIDs); anything else is not echoed. */
const ECHOABLE_SESSION_ID = /^[\x21-\x7e]{1,128}$/;

/** An SDK Server connected to a stateless transport that answers in plain JSON. */
interface StatelessServer {
  server: Server;
  transport: NodeStreamableHttpTransport;
}

const idleServers = new WeakMap<OperationContext, StatelessServer[]>();

async function connectStatelessServer(context: OperationContext, version: string): Promise<StatelessServer> {
  const server = createMcpServer(context, version);
  const transport = new NodeStreamableHttpTransport({ jsonResponses: true });
  await server.connect(transport);
  return { server, transport };
}

/**
 * Old clients POST one JSON-RPC message with `Accept: application/json` only (or none), with or
 * without `initialize` and a session id, and read a plain JSON answer. Each request is served by
 * an SDK Server on a stateless transport, one request at a time; building and connecting one is
 * most of such a request's cost, so a server whose answer went out in full after a stateless
 * method goes back to a small pool, still connected. Anything else closes it with the response,
 * so nothing of an old client outlives its request.
 */
export async function answerLegacyRequest(request: FastifyRequest, reply: FastifyReply, context: OperationContext, version: string): Promise<void> {
  let idle = idleServers.get(context);
  if (!idle) idleServers.set(context, (idle = []));
  const pool = idle;
  const stateless = pool.pop() ?? (await connectStatelessServer(context, version));
  const body = request.body as { method?: unknown } | null | undefined;
  const method = typeof body === 'object' && body !== null && !Array.isArray(body) ? String(body.method) : undefined;
  // The old service handed out a session id at initialize and accepted it back; keep both habits.
  const sessionId = method === 'initialize' ? randomUUID() : request.headers['mcp-session-id'];
  if (typeof sessionId === 'string' && ECHOABLE_SESSION_ID.test(sessionId)) reply.header('mcp-session-id', sessionId);
  hijack(reply);
  reply.raw.once('close', () => {
    // A client that left early may leave a handler running: that server is not reused.
    const reuse = method !== undefined && REUSABLE_AFTER.has(method) && reply.raw.writableFinished && !stateless.transport.closed && pool.length < MAX_IDLE_SERVERS;
    if (reuse) pool.push(stateless);
    else void stateless.server.close().catch(() => undefined);
  });
  await stateless.transport.handleRequest(request, reply);
}
