import type { HostileCase } from './hostile-requests.js';
import { sseData, type WireResponse } from './wire.js';

export interface CheckOptions {
  /**
   * The session is not linked: a well-formed operation may then answer the documented
   * 503 `session_not_linked` / `session_not_ready` with Retry-After (never any other 5xx).
   */
  notLinked: boolean;
}

/** REST-shaped refusals an MCP client may get before JSON-RPC is spoken (HTTP-level). */
const MCP_HTTP_REFUSALS = new Set([401, 403, 405, 413, 415, 417, 431]);
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const NOT_LINKED_CODES = new Set(['session_not_linked', 'session_not_ready']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The path a request targets, from the request line for raw requests. */
export function targetPath(c: HostileCase): string {
  const path = c.request.raw === undefined ? c.request.path : (/^\S+ (\S+)/.exec(Buffer.from(c.request.raw).toString('latin1'))?.[1] ?? '');
  return path.replace(/^https?:\/\/[^/]*/i, '').split('?')[0] ?? '';
}

/** Problems with the documented error shape `{ ok: false, error: { code, message, details? } }`; none when it is exact. */
export function errorShapeProblems(body: unknown): string[] {
  if (!isObject(body)) return [`the error body is not an object: ${JSON.stringify(body)?.slice(0, 120)}`];
  const problems: string[] = [];
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'error,ok') problems.push(`the error body has the fields ${keys}, not exactly ok and error`);
  if (body['ok'] !== false) problems.push('ok is not false');
  const error = body['error'];
  if (!isObject(error)) return [...problems, 'error is not an object'];
  const extra = Object.keys(error).filter((key) => !['code', 'message', 'details'].includes(key));
  if (extra.length > 0) problems.push(`error has unexpected fields ${extra.join(',')}`);
  if (typeof error['code'] !== 'string' || !SNAKE_CASE.test(error['code'])) problems.push(`error.code is not snake_case: ${JSON.stringify(error['code'])}`);
  if (typeof error['message'] !== 'string' || error['message'].trim() === '') problems.push('error.message is not a non-empty string');
  if ('details' in error && !isObject(error['details'])) problems.push('error.details is not an object');
  return problems;
}

function securityHeaderProblems(response: WireResponse): string[] {
  const problems: string[] = [];
  if (response.headers['x-content-type-options'] !== 'nosniff') problems.push('no x-content-type-options: nosniff');
  if (!/(^|,)\s*no-store\s*(,|$)/.test(response.headers['cache-control'] ?? '')) problems.push(`cache-control is ${JSON.stringify(response.headers['cache-control'])}, not no-store`);
  return problems;
}

function restProblems(c: HostileCase, response: WireResponse, options: CheckOptions): string[] {
  const text = response.body.toString('utf8');
  const problems: string[] = [];
  if (c.mustNotLeak && response.status < 300 && /"dependencies"|root:x:0:0|"compilerOptions"/.test(text)) problems.push('a file outside the docs assets leaked');
  if (response.status < 300) return problems;
  if (!/^application\/json/.test(response.headers['content-type'] ?? '')) problems.push(`content-type ${response.headers['content-type']} on an error`);
  const parsed = parseJson(text);
  if (!parsed.ok) return [...problems, `the error body is not JSON: ${JSON.stringify(text.slice(0, 120))}`];
  problems.push(...errorShapeProblems(parsed.value));
  if (response.status >= 500) {
    const code = isObject(parsed.value) && isObject(parsed.value['error']) ? parsed.value['error']['code'] : undefined;
    const documentedNotLinked = options.notLinked && response.status === 503 && NOT_LINKED_CODES.has(String(code)) && /^\d+$/.test(response.headers['retry-after'] ?? '');
    if (!documentedNotLinked) problems.push(`answered ${response.status} ${String(code)}`);
  }
  return problems;
}

function jsonRpcResponseProblems(message: unknown): string[] {
  if (!isObject(message)) return [`not a JSON-RPC object: ${JSON.stringify(message)?.slice(0, 120)}`];
  if (message['jsonrpc'] !== '2.0') return ['jsonrpc is not "2.0"'];
  if (!('id' in message)) {
    // A server notification or request on a stream: method is required.
    return typeof message['method'] === 'string' ? [] : ['a message without id that is no notification'];
  }
  const id = message['id'];
  if (!(id === null || typeof id === 'string' || typeof id === 'number')) return [`id of type ${typeof id}`];
  const hasResult = 'result' in message;
  const hasError = 'error' in message;
  if (typeof message['method'] === 'string' && !hasResult && !hasError) return []; // a server request
  if (hasResult === hasError) return ['not exactly one of result and error'];
  if (hasResult) {
    const result = message['result'];
    if (!isObject(result)) return ['result is not an object'];
    if (result['isError'] === true) {
      const content = result['content'];
      const first = Array.isArray(content) && isObject(content[0]) ? content[0] : undefined;
      const parsed = parseJson(typeof first?.['text'] === 'string' ? first['text'] : '');
      if (!parsed.ok) return ['a tool error without a JSON text block'];
      return errorShapeProblems(parsed.value).map((problem) => `tool error: ${problem}`);
    }
    return [];
  }
  const error = message['error'];
  if (!isObject(error) || !Number.isInteger(error['code']) || typeof error['message'] !== 'string') return ['error is not { code: integer, message: string }'];
  return [];
}

/** A JSON-RPC notification (or a batch of only those): the server answers 202 with no body. */
function onlyNotifications(body: WireResponse['body'] | string | undefined): boolean {
  const parsed = parseJson(typeof body === 'string' ? body : (body?.toString('utf8') ?? ''));
  if (!parsed.ok) return false;
  const isNotification = (m: unknown) => isObject(m) && m['jsonrpc'] === '2.0' && typeof m['method'] === 'string' && !('id' in m);
  const isResponse = (m: unknown) => isObject(m) && m['jsonrpc'] === '2.0' && 'id' in m && ('result' in m || 'error' in m) && !('method' in m);
  const all = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  return all.every((m) => isNotification(m) || isResponse(m));
}

function requestId(body: string | Buffer | undefined): string | number | undefined {
  const parsed = parseJson(typeof body === 'string' ? body : (body?.toString('utf8') ?? ''));
  if (!parsed.ok || !isObject(parsed.value)) return undefined;
  const id = parsed.value['id'];
  return typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : undefined;
}

function mcpProblems(c: HostileCase, response: WireResponse): string[] {
  const text = response.body.toString('utf8');
  const type = response.headers['content-type'] ?? '';
  if (response.status >= 500) return [`answered ${response.status}: ${text.slice(0, 160)}`];
  const parsed = parseJson(text);
  const restShaped = parsed.ok && isObject(parsed.value) && parsed.value['ok'] === false;
  if (restShaped) {
    const refusal = MCP_HTTP_REFUSALS.has(response.status) || (c.framing === true && response.status === 400);
    return refusal ? errorShapeProblems(parsed.value) : [`a REST-shaped ${response.status} where JSON-RPC belongs: ${text.slice(0, 160)}`];
  }
  if (c.request.method === 'DELETE' && response.status === 200) return text === '' ? [] : ['DELETE answered 200 with a body'];
  if (response.status === 202) {
    if (text !== '') return ['202 with a body'];
    return c.request.method === 'POST' && onlyNotifications(c.request.body) ? [] : ['202 for a request that needed an answer'];
  }
  let messages: unknown[];
  if (type.startsWith('text/event-stream')) {
    const events = sseData(text).map((data) => parseJson(data));
    if (events.some((event) => !event.ok)) return ['an SSE event that is not JSON'];
    messages = events.map((event) => (event as { value: unknown }).value);
    if (!messages.some((m) => isObject(m) && ('result' in m || 'error' in m))) return ['an SSE stream without a response'];
  } else if (type.startsWith('application/json')) {
    if (!parsed.ok) return [`a JSON answer that does not parse: ${text.slice(0, 120)}`];
    messages = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
    if (messages.length === 0) return ['an empty JSON-RPC batch answer'];
  } else {
    return [`answered ${response.status} with content-type ${JSON.stringify(type)}: ${text.slice(0, 120)}`];
  }
  const problems = messages.flatMap(jsonRpcResponseProblems);
  const id = requestId(c.request.body);
  const answer = messages.find((m) => isObject(m) && 'result' in m);
  if (id !== undefined && isObject(answer) && answer['id'] !== id) problems.push(`the result answers id ${JSON.stringify(answer['id'])}, not ${JSON.stringify(id)}`);
  return problems;
}

/** Everything wrong with the answers to one hostile request; empty when they are all right. */
export function answerProblems(c: HostileCase, responses: WireResponse[], options: CheckOptions): string[] {
  if (responses.length === 0) return ['no answer'];
  const mcp = targetPath(c) === '/mcp';
  return responses.flatMap((response) => {
    const headers = securityHeaderProblems(response);
    // An answer to HEAD has no body to judge.
    if (c.request.method === 'HEAD') return [...headers, ...(response.status >= 500 ? [`answered ${response.status}`] : [])];
    return [...headers, ...(mcp ? mcpProblems(c, response) : restProblems(c, response, options))];
  });
}
