import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import { MAX_BATCH_SIZE } from '@modelcontextprotocol/sdk/server/requestBody.js';
import { JSONRPCMessageSchema, type JSONRPCMessage, type JSONRPCRequest, type RequestId } from '@modelcontextprotocol/sdk/types.js';

/** A POST the transport refuses before any message reaches the server: HTTP status, JSON-RPC code, message. */
export interface Refusal {
  status: number;
  code: number;
  message: string;
}

export const refusal = (status: number, code: number, message: string): Refusal => ({ status, code, message });

/**
 * The JSON-RPC messages of a POST body Fastify already parsed: one message or a batch, each
 * checked by the SDK's own message schema (the same check its transports make), so what reaches
 * the server is exactly what the SDK's transports would hand it.
 */
export function incomingMessages(body: unknown, contentType: string | undefined): JSONRPCMessage[] | Refusal {
  if (!isJsonContentType(contentType)) return refusal(415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
  if (body === undefined || body === null) return refusal(400, -32700, 'Parse error: Invalid JSON');
  const raw = Array.isArray(body) ? body : [body];
  if (raw.length > MAX_BATCH_SIZE) return refusal(400, -32600, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
  const messages: JSONRPCMessage[] = [];
  for (const item of raw) {
    const parsed = JSONRPCMessageSchema.safeParse(item);
    if (!parsed.success) return refusal(400, -32700, 'Parse error: Invalid JSON-RPC message');
    messages.push(parsed.data);
  }
  return messages;
}

/** A request (it has an id and expects an answer), as opposed to a notification or a response. */
export function isRequest(message: JSONRPCMessage): message is JSONRPCRequest {
  return 'method' in message && 'id' in message;
}

/** A response or an error answer from the server. */
export function isAnswer(message: JSONRPCMessage): boolean {
  return 'result' in message || 'error' in message;
}

/** The request a `notifications/cancelled` message cancels, if the message is one. */
export function cancelledRequestId(message: JSONRPCMessage): RequestId | undefined {
  if (!('method' in message) || message.method !== 'notifications/cancelled' || 'id' in message) return undefined;
  const requestId = (message.params as { requestId?: unknown } | undefined)?.requestId;
  return typeof requestId === 'string' || typeof requestId === 'number' ? requestId : undefined;
}
