import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import {
  OPERATIONS,
  describeError,
  downloadMediaOperation,
  downloadMessageMedia,
  isGatewayError,
  runOperation,
  validateInput,
  type Operation,
  type OperationContext,
} from '@wa/core';
import { mediaToolResult } from './media-content.js';

/** MCP tool names are the operation names with the old service's prefix. */
export const TOOL_PREFIX = 'whatsapp_';

/** MCP requires an object-typed output schema; a union of objects is wrapped, not rewritten. */
function outputSchemaOf(operation: Operation): Tool['outputSchema'] {
  const schema = operation.output as Record<string, unknown>;
  if (schema['type'] === 'object') return schema as Tool['outputSchema'];
  return { type: 'object', ...schema } as Tool['outputSchema'];
}

function toolOf(operation: Operation): Tool {
  return {
    name: `${TOOL_PREFIX}${operation.name}`,
    title: operation.title,
    description: operation.description,
    inputSchema: operation.input as Tool['inputSchema'],
    outputSchema: outputSchemaOf(operation),
    annotations: {
      title: operation.title,
      readOnlyHint: operation.hints.readOnly,
      destructiveHint: operation.hints.destructive,
      idempotentHint: operation.hints.idempotent,
      openWorldHint: operation.hints.openWorld,
    },
  };
}

/** The tool list, generated once from the operations catalog. */
export const TOOLS: readonly Tool[] = OPERATIONS.map(toolOf);
const OPERATION_BY_TOOL = new Map<string, Operation>(OPERATIONS.map((op) => [`${TOOL_PREFIX}${op.name}`, op]));

function errorResult(code: string, message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ ok: false, error: { code, message } }, null, 2) }] };
}

/**
 * Runs one tool. The text block is the pretty JSON of the REST body, as the old service answered;
 * `structuredContent` carries the same object. Every failure is an `isError` result with an
 * actionable sentence, never a protocol error, so the agent sees it.
 */
export async function callTool(context: OperationContext, name: string, args: unknown, signal?: AbortSignal): Promise<CallToolResult> {
  const operation = OPERATION_BY_TOOL.get(name);
  if (!operation) return errorResult('unknown_tool', `There is no tool named ${name}; call tools/list for the available tools.`);
  try {
    if (operation === downloadMediaOperation) {
      // The file travels as content blocks (image, embedded resource or link), not as base64 in JSON.
      const input = validateInput(downloadMediaOperation, args ?? {});
      const media = await downloadMessageMedia(signal ? { ...context, signal } : context, input.message_id);
      return mediaToolResult(media, context.config.media.mcpInlineMaxBytes);
    }
    const result = (await runOperation(operation, signal ? { ...context, signal } : context, args ?? {})) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result };
  } catch (error) {
    if (isGatewayError(error)) {
      const retry = error.retryAfterSeconds === undefined ? '' : ` Retry in about ${error.retryAfterSeconds} s.`;
      return errorResult(error.code, `${error.message}${retry}`);
    }
    context.logger.error({ err: error, tool: name }, 'tool failed');
    return errorResult('internal_error', `The gateway hit an internal error (${describeError(error)}); it was logged.`);
  }
}
