import { sameJson } from '@wa/core';
import type { FastifyReply } from 'fastify';

/** What Fastify sets for a JSON body it serialised itself. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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
