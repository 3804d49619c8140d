import { keepAliveAgent, request } from './http.js';

/** The protocol revision a current spec client negotiates with SDK 1.32. */
export const PROTOCOL_VERSION = '2025-11-25';

/** Headers of a spec client (Streamable HTTP): both media types accepted, answers come as SSE. */
export function specHeaders(sessionId?: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL_VERSION,
  };
  if (sessionId) headers['mcp-session-id'] = sessionId;
  return headers;
}

/** `tools/call whatsapp_status` with the given JSON-RPC id. */
export function statusToolCall(id: string | number): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'whatsapp_status', arguments: {} } });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'wa-bench', version: '1.0.0' } },
});

/** The JSON-RPC messages of an SSE answer (`data:` lines). */
export function sseMessages(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line.length > 6)
    .map((line) => JSON.parse(line.slice(6)) as unknown);
}

/** initialize + notifications/initialized, as the SDK client does; returns the session id. */
export async function openSession(base: string): Promise<string> {
  const init = await request(`${base}/mcp`, { method: 'POST', headers: specHeaders(), body: INITIALIZE, agent: keepAliveAgent });
  const sessionId = init.headers['mcp-session-id'];
  if (init.status !== 200 || typeof sessionId !== 'string') throw new Error(`MCP initialize answered ${init.status}: ${init.text.slice(0, 300)}`);
  const [answer] = sseMessages(init.text) as { result?: { protocolVersion?: string } }[];
  if (answer?.result?.protocolVersion !== PROTOCOL_VERSION) throw new Error(`MCP initialize did not negotiate ${PROTOCOL_VERSION}: ${init.text.slice(0, 300)}`);
  const initialized = await request(`${base}/mcp`, {
    method: 'POST',
    headers: specHeaders(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
    agent: keepAliveAgent,
  });
  if (initialized.status !== 202) throw new Error(`notifications/initialized answered ${initialized.status}`);
  return sessionId;
}

/** One tools/call over the session; throws unless it is a successful SSE answer. */
export async function checkStatusCall(base: string, sessionId: string): Promise<void> {
  const answer = await request(`${base}/mcp`, { method: 'POST', headers: specHeaders(sessionId), body: statusToolCall(1), agent: keepAliveAgent });
  const [message] = sseMessages(answer.text) as { result?: { isError?: boolean; structuredContent?: unknown } }[];
  if (answer.status !== 200 || !String(answer.headers['content-type']).startsWith('text/event-stream') || !message?.result?.structuredContent || message.result.isError) {
    throw new Error(`tools/call over the session answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
}

/** One old-style plain-JSON tools/call; throws unless it is a successful JSON answer. */
export async function checkLegacyCall(base: string): Promise<void> {
  const answer = await request(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: statusToolCall(1) });
  const message = JSON.parse(answer.text) as { result?: { isError?: boolean } };
  if (answer.status !== 200 || !String(answer.headers['content-type']).startsWith('application/json') || !message.result || message.result.isError) {
    throw new Error(`plain-JSON tools/call answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
}

export async function closeSession(base: string, sessionId: string): Promise<void> {
  await request(`${base}/mcp`, { method: 'DELETE', headers: specHeaders(sessionId), agent: keepAliveAgent });
}

/** HTTP status of a ping on the session: 200 while it lives, 404 once it was swept. */
export async function pingStatus(base: string, sessionId: string): Promise<number> {
  const answer = await request(`${base}/mcp`, {
    method: 'POST',
    headers: specHeaders(sessionId),
    body: JSON.stringify({ jsonrpc: '2.0', id: 'ping', method: 'ping' }),
    agent: keepAliveAgent,
  });
  return answer.status;
}
