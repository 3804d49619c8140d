import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { runOperation, type OperationContext } from '@wa/core';
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { preferredWaitMs } from '../prefer-wait.js';
import { OPERATION_ROUTES, type OperationRoute } from '../route-table.js';
import { ERROR_EXAMPLES, ERROR_RESPONSES, ErrorBodySchema } from '../schemas.js';

export interface OperationRoutesOptions {
  context: OperationContext;
}

/** The route's Fastify schema, derived from the operation's own input and output schemas. */
function routeSchema(route: OperationRoute): Record<string, unknown> {
  const { operation } = route;
  const response: Record<string, unknown> = {
    200: { ...operation.output, description: operation.summary, examples: [operation.example.output] },
  };
  for (const status of route.errors) {
    response[status] = { ...ErrorBodySchema, description: ERROR_RESPONSES[status], examples: [{ ok: false, error: ERROR_EXAMPLES[status] }] };
  }
  const input = { ...operation.input, examples: [operation.example.input] };
  return {
    operationId: route.method === 'GET' || route.url !== '/api/messages' ? operation.name : `${operation.name}_post`,
    summary: operation.summary,
    description: `${operation.description}${route.errors.includes(503) ? ' Send `Prefer: wait=<seconds>` to wait longer or shorter for the session to become ready.' : ''}`,
    tags: ['whatsapp'],
    ...(route.input === 'body' ? { body: input } : {}),
    ...(route.input === 'query' ? { querystring: operation.input } : {}),
    response,
  };
}

/**
 * The catalog's check in `runOperation` is the one validation of operation inputs, as for every
 * transport; it converts scalars only losslessly (`15551234567` to a string, `"20"` to 20). Fastify's
 * Ajv would coerce first, lossily (`"message": true` sent as the text "true", `["hi"]` as "hi"), so
 * here it only drops unknown fields, as before.
 */
function prepareInput(schema: TSchema): FastifySchemaCompiler<unknown> {
  return () => (data) => ({ value: Value.Clean(schema, data) });
}

/** One route per entry of the route table: validate, run one operation, return its result. */
export const operationRoutes: FastifyPluginAsyncTypebox<OperationRoutesOptions> = async (app, { context }) => {
  for (const route of OPERATION_ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      schema: routeSchema(route),
      validatorCompiler: prepareInput(route.operation.input),
      handler: async (request, reply) => {
        const input = route.input === 'body' ? (request.body ?? {}) : route.input === 'query' ? request.query : {};
        const waitMs = preferredWaitMs(request.headers.prefer);
        let routeContext = waitMs === undefined ? context : { ...context, waitMs };
        if (route.longPoll) {
          // A client that hangs up ends the wait instead of leaving a listener behind.
          const gone = new AbortController();
          reply.raw.once('close', () => gone.abort());
          routeContext = { ...routeContext, signal: gone.signal };
        }
        return runOperation(route.operation, routeContext, input);
      },
    });
  }
};
