import { randomUUID } from 'node:crypto';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { OperationContext } from '@wa/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createMcpServer } from './create-mcp-server.js';
import { hijackKeepingHeaders } from './hijack.js';

/**
 * Old clients POST one JSON-RPC message with `Accept: application/json` only (or none), with or
 * without `initialize` and a session id, and read a plain JSON answer. They are served by a
 * stateless SDK transport made for this one request and closed with the response, so nothing
 * outlives it (a stateful transport in JSON mode keeps one map entry per request).
 */
export async function answerLegacyRequest(request: FastifyRequest, reply: FastifyReply, context: OperationContext, version: string): Promise<void> {
  const server = createMcpServer(context, version);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  // The spec transport insists on both media types; this client reads JSON, which is what it gets.
  request.raw.headers['accept'] = 'application/json, text/event-stream';
  // The old service handed out a session id at initialize and accepted it back; keep both habits.
  const sessionId = isInitializeRequest(request.body) ? randomUUID() : request.headers['mcp-session-id'];
  if (typeof sessionId === 'string') reply.header('mcp-session-id', sessionId);
  hijackKeepingHeaders(reply);
  reply.raw.on('close', () => {
    void transport.close().then(() => server.close());
  });
  await transport.handleRequest(request.raw, reply.raw, request.body);
}
