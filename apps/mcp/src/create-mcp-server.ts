import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { isGatewayError, type OperationContext } from '@wa/core';
import { SERVER_INSTRUCTIONS } from './instructions.js';
import { PROMPTS, getPrompt } from './prompts.js';
import { RESOURCES, RESOURCE_TEMPLATES, canonicalResourceUri, readResource } from './resources.js';
import { ResourceSubscriptions } from './subscriptions.js';
import { TOOLS, callTool } from './tools.js';

/** The server name old clients see; kept from the service this gateway replaces. */
export const SERVER_NAME = 'whatsapp-mcp-api';

/** MCP's "resource not found" error code. */
const RESOURCE_NOT_FOUND = -32002;

/**
 * One JSON Schema validator for every server. Left out, each `new Server()` builds its own Ajv
 * instance (about a quarter of a plain-JSON request's CPU time, and memory in every session); the
 * validator only checks elicitation answers and caches compiled schemas by schema, so sharing it is safe.
 */
let sharedValidator: AjvJsonSchemaValidator | undefined;

/**
 * One low-level SDK Server per MCP session (the SDK allows one transport per server). The low-level
 * Server takes plain JSON Schema, so the operations' TypeBox schemas serve MCP directly.
 */
export function createMcpServer(context: OperationContext, version: string): Server {
  const server = new Server(
    { name: SERVER_NAME, version },
    {
      capabilities: {
        tools: { listChanged: false },
        resources: { listChanged: false, subscribe: true },
        prompts: { listChanged: false },
        logging: {},
      },
      instructions: SERVER_INSTRUCTIONS,
      jsonSchemaValidator: (sharedValidator ??= new AjvJsonSchemaValidator()),
    },
  );
  const subscriptions = new ResourceSubscriptions(server, context.session);
  server.onclose = () => subscriptions.close();
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [...TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => callTool(context, request.params.name, request.params.arguments, extra.signal));
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: [...RESOURCES] }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: [...RESOURCE_TEMPLATES] }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => asMcpErrors(() => readResource(context, request.params.uri)));
  server.setRequestHandler(SubscribeRequestSchema, async (request) => {
    subscriptions.subscribe(canonicalResourceUri(request.params.uri));
    return {};
  });
  server.setRequestHandler(UnsubscribeRequestSchema, async (request) => {
    subscriptions.unsubscribe(canonicalResourceUri(request.params.uri));
    return {};
  });
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts: [...PROMPTS] }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => asMcpErrors(async () => getPrompt(request.params.name, request.params.arguments)));
  return server;
}

/** Core errors to JSON-RPC errors, for methods whose failures are protocol errors (not tool results). */
async function asMcpErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const code = error.kind === 'not_found' ? RESOURCE_NOT_FOUND : error.kind === 'invalid_input' ? ErrorCode.InvalidParams : ErrorCode.InternalError;
    throw new McpError(code, error.message, { code: error.code });
  }
}
