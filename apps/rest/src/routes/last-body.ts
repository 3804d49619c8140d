import type { FastifyReply } from 'fastify';

/** What Fastify sets for a JSON body it serialised itself. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Deep equality of JSON values: primitives, arrays and plain objects (key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false;
    count++;
  }
  for (const _key in right) count--;
  return count === 0;
}

/** Sends `result` as JSON (the handler then returns nothing). */
export type LastBodySender = (reply: FastifyReply, result: unknown) => void;

/**
 * For routes polled many times with the same answer (the status): keeps the last result and its
 * JSON text, serialised by the route's own response schema (`reply.serialize`), and sends that
 * text again while the result is equal, with the content type Fastify would have set (a string
 * with a JSON content type goes out as it is). The answer is the same bytes either way. A result
 * must not change after it was sent: the status operation answers a frozen object, which makes the
 * comparison a single identity check; other results are compared field by field.
 */
export function lastBodySender(): LastBodySender {
  let lastResult: unknown;
  let lastText: string | undefined;
  return (reply, result) => {
    if (lastText === undefined || !sameJson(result, lastResult)) {
      lastText = reply.serialize(result) as string;
      lastResult = result;
    }
    reply.type(JSON_CONTENT_TYPE).send(lastText);
  };
}
