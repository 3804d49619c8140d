import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { runOperation, type OperationContext } from '@wa/core';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { preferredWaitMs } from '../prefer-wait.js';
import { OPERATION_ROUTES, type OperationRoute } from '../route-table.js';
import { errorResponseSchemas } from '../schemas.js';
import { lastBodySender } from './last-body.js';
import { FILE_FIELD, multipartInput } from './multipart-input.js';

export interface OperationRoutesOptions {
  context: OperationContext;
}

/** The route's Fastify schema, derived from the operation's own input and output schemas. */
function routeSchema(route: OperationRoute): Record<string, unknown> {
  const { operation } = route;
  const response = {
    200: { ...operation.output, description: operation.summary, examples: [operation.example.output] },
    ...errorResponseSchemas(route.errors),
  };
  const input = { ...operation.input, examples: [operation.example.input] };
  return {
    operationId: route.method === 'GET' || route.url !== '/api/messages' ? operation.name : `${operation.name}_post`,
    summary: operation.summary,
    description: `${operation.description}${route.errors.includes(503) ? ' Send `Prefer: wait=<seconds>` to wait longer or shorter for the session to become ready.' : ''}`,
    tags: ['whatsapp'],
    ...(route.input === 'body' ? { body: route.upload ? uploadBody(input) : input } : {}),
    ...(route.input === 'query' ? { querystring: operation.input } : {}),
    response,
  };
}

/** Upload routes document both forms: JSON with the file in base64, or a multipart form with a file field. */
function uploadBody(input: Record<string, unknown>): Record<string, unknown> {
  const { media: _media, ...fields } = (input['properties'] ?? {}) as Record<string, unknown>;
  const form = {
    type: 'object',
    required: [FILE_FIELD],
    properties: { ...fields, [FILE_FIELD]: { type: 'string', format: 'binary', description: 'The file; its part Content-Type and file name are used.' } },
  };
  return { content: { 'application/json': { schema: input }, 'multipart/form-data': { schema: form } } };
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

/** Base64 is 4/3 of the file, plus room for the other fields. */
function uploadBodyLimit(maxBytes: number): number {
  return Math.ceil((maxBytes * 4) / 3) + 64 * 1024;
}

/** One route per entry of the route table: validate, run one operation, return its result. */
export const operationRoutes: FastifyPluginAsyncTypebox<OperationRoutesOptions> = async (app, { context }) => {
  const maxBytes = context.config.media.maxBytes;
  for (const route of OPERATION_ROUTES) {
    if (route.upload) {
      // multipart/form-data is accepted on upload routes only; everywhere else it stays a 415.
      await app.register(async (scope: FastifyInstance) => {
        await scope.register(multipart, { throwFileSizeLimit: true });
        addRoute(scope, route, context, uploadBodyLimit(maxBytes));
      });
    } else {
      addRoute(app, route, context);
    }
  }
};

function addRoute(app: FastifyInstance, route: OperationRoute, context: OperationContext, bodyLimit?: number): void {
  const sendLastBody = route.repeatsItself ? lastBodySender() : null;
  app.route({
    method: route.method,
    url: route.url,
    schema: routeSchema(route),
    validatorCompiler: prepareInput(route.operation.input),
    ...(bodyLimit === undefined ? {} : { bodyLimit }),
    // Not `async`: the operation's promise is handed to Fastify as it is, without one more around it.
    handler: (request, reply) => {
      if (request.isMultipart?.()) return multipartInput(request, context.config.media.maxBytes).then((input) => run(route, context, request, reply, input));
      const input = route.input === 'body' ? (request.body ?? {}) : route.input === 'query' ? request.query : {};
      const result = run(route, context, request, reply, input);
      if (!sendLastBody) return result;
      return result.then((value) => {
        sendLastBody(reply, value);
      });
    },
  });
}

function run(route: OperationRoute, context: OperationContext, request: FastifyRequest, reply: FastifyReply, input: unknown): Promise<unknown> {
  const waitMs = preferredWaitMs(request.headers.prefer);
  let routeContext = waitMs === undefined ? context : { ...context, waitMs };
  if (route.longPoll || route.upload) {
    // A client that hangs up ends the wait (or the media download) instead of leaving work behind.
    const gone = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.sent) gone.abort();
    });
    routeContext = { ...routeContext, signal: gone.signal };
  }
  return runOperation(route.operation, routeContext, input);
}
