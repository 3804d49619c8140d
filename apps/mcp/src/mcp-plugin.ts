import { randomUUID } from 'node:crypto';
import type { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { OperationContext } from '@wa/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { createMcpServer } from './create-mcp-server.js';
import { notifyStateChanges } from './log-notifications.js';
import { hijack } from './hijack.js';
import { sendJsonRpcError } from './json-rpc-error.js';
import type { answerLegacyRequest } from './legacy-request.js';
import { SessionRegistry, type McpSessionEntry } from './session-registry.js';
import type { NodeStreamableHttpTransport } from './transport/node-transport.js';

export const MCP_PATH = '/mcp';

/** What serving a request needs of the MCP SDK, and of the modules of this package built on it. */
interface McpRuntime {
  Transport: typeof NodeStreamableHttpTransport;
  isInitializeRequest: typeof isInitializeRequest;
  createMcpServer: typeof createMcpServer;
  answerLegacyRequest: typeof answerLegacyRequest;
}

/**
 * The MCP SDK is loaded on the first /mcp request, not at start-up: with zod and its schemas it is
 * about 10 MB of memory that a gateway used only over REST never needs. Returns the loader: the
 * runtime once loaded, a promise before; a failed load is retried by the next request.
 */
function runtimeLoader(): () => McpRuntime | Promise<McpRuntime> {
  let runtime: McpRuntime | undefined;
  let loading: Promise<McpRuntime> | undefined;
  const load = (): Promise<McpRuntime> =>
    (loading ??= Promise.all([
      import('./transport/node-transport.js'),
      import('@modelcontextprotocol/sdk/types.js'),
      import('./create-mcp-server.js'),
      import('./legacy-request.js'),
    ]).then(
      ([transport, types, servers, legacy]) =>
        (runtime = {
          Transport: transport.NodeStreamableHttpTransport,
          isInitializeRequest: types.isInitializeRequest,
          createMcpServer: servers.createMcpServer,
          answerLegacyRequest: legacy.answerLegacyRequest,
        }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return () => runtime ?? load();
}

export interface McpPluginOptions {
  context: OperationContext;
  /** Server version announced at initialize. */
  version: string;
  sessionIdleMs: number;
  maxSessions: number;
  /** How often idle sessions are looked for; defaults to a tenth of the idle time, at most a minute. */
  sweepEveryMs?: number;
  /** Receives the live-session registry (for status and tests). */
  onRegistry?: (registry: SessionRegistry) => void;
}

/**
 * MCP over Streamable HTTP at /mcp, on the gateway's Fastify instance and Session. Spec clients
 * (that accept text/event-stream) get stateful sessions; old plain-JSON clients get plain JSON.
 */
export const mcpPlugin: FastifyPluginAsync<McpPluginOptions> = async (app, options) => {
  const { context, version } = options;
  const mcpRuntime = runtimeLoader();
  const registry = new SessionRegistry({
    idleMs: options.sessionIdleMs,
    maxSessions: options.maxSessions,
    sweepEveryMs: options.sweepEveryMs ?? Math.min(60_000, Math.max(1000, Math.floor(options.sessionIdleMs / 10))),
    logger: app.log,
  });
  options.onRegistry?.(registry);
  // onClose is too late: app.close() waits for open SSE responses, which only closing the
  // transports ends.
  app.addHook('preClose', async () => registry.closeAll());

  async function openSession(mcp: McpRuntime, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const server = mcp.createMcpServer(context, version);
    const transport = new mcp.Transport({
      sessionIdGenerator: randomUUID,
      // Asked only once the initialize passed the transport's checks: a refused one evicts nothing.
      admitSession: () => registry.admit(),
      onsessioninitialized: (id) => {
        const entry = registry.add({ id, server, transport });
        const release = registry.use(entry);
        reply.raw.on('close', release);
      },
    });
    const stopNotifying = notifyStateChanges(server, context.session, () => transport.sessionId);
    transport.onclose = () => {
      stopNotifying();
      if (transport.sessionId) registry.remove(transport.sessionId);
    };
    transport.onerror = (error) => request.log.debug({ err: error }, 'MCP transport error');
    await server.connect(transport);
    await transport.handleRequest(request, reply);
    // Refused (not acceptable, not valid JSON-RPC, no room): no session opened, so its server goes.
    if (transport.sessionId === undefined) await server.close();
  }

  async function forward(entry: McpSessionEntry, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.raw.on('close', registry.use(entry));
    await entry.transport.handleRequest(request, reply);
  }

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const loaded = mcpRuntime();
    const mcp = loaded instanceof Promise ? await loaded : loaded;
    const accept = request.headers.accept ?? '';
    if (request.method === 'POST' && !accept.includes('text/event-stream')) {
      await mcp.answerLegacyRequest(request, reply, context, version);
      return;
    }
    hijack(reply);
    const sessionId = request.headers['mcp-session-id'];
    if (typeof sessionId === 'string' && sessionId !== '') {
      const entry = registry.get(sessionId);
      // Unknown id: 404 tells the client to initialize a new session.
      if (!entry) return sendJsonRpcError(reply, 404, -32001, 'Session not found');
      return forward(entry, request, reply);
    }
    if (request.method === 'POST' && mcp.isInitializeRequest(request.body)) return openSession(mcp, request, reply);
    // Never 404 here: a client probing without a session must fall back to initialize.
    sendJsonRpcError(reply, 400, -32000, 'Bad Request: Mcp-Session-Id header is required (send initialize first)');
  }

  app.route({
    method: ['POST', 'GET', 'DELETE'],
    url: MCP_PATH,
    // Not part of the REST document: MCP clients discover the server by initialize.
    schema: { hide: true } as FastifySchema,
    // A body that is not JSON gets JSON-RPC's parse error, as every JSON-RPC client expects; the
    // gateway's handler answers everything else (415, 413) in the REST error shape.
    errorHandler: (error, _request, reply) => {
      if ((error as { code?: string }).code !== 'FST_ERR_CTP_INVALID_JSON_BODY') throw error;
      return reply.code(400).send({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the body is not valid JSON (or has a __proto__ or constructor key).' }, id: null });
    },
    handler: async (request, reply) => {
      try {
        await handle(request, reply);
      } catch (error) {
        request.log.error({ err: error }, 'MCP request failed');
        sendJsonRpcError(reply, 500, -32603, 'Internal error');
      }
    },
  });
};
