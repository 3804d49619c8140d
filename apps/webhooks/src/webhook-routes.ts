import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVENT_TYPES, GatewayError, parseEventTypes } from '@wa/core';
import Type from 'typebox';
import type { DeliveryQueue } from './delivery-queue.js';
import type { Webhook, WebhookRegistry } from './webhook-registry.js';

export interface WebhookRoutesOptions {
  registry: WebhookRegistry;
  queue: DeliveryQueue;
  /** Forget a removed receiver's pending deliveries. */
  onRemoved(id: string): void;
}

const ErrorBody = Type.Object({ ok: Type.Literal(false), error: Type.Object({ code: Type.String(), message: Type.String() }) });

function errorResponse(description: string, code: string, message: string) {
  return { ...ErrorBody, description, examples: [{ ok: false, error: { code, message } }] };
}

const NOT_FOUND = errorResponse('No such webhook.', 'resource_not_found', 'There is no webhook wh_0123456789abcdef.');
const EXAMPLE_WEBHOOK = {
  id: 'wh_0123456789abcdef',
  url: 'https://example.com/whatsapp-events',
  types: ['message.received'],
  source: 'api',
  created_at: '2026-01-01T12:00:00.000Z',
  pending: 0,
  delivered: 42,
  failed: 0,
  last_error: null,
};

const WebhookView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  types: Type.Array(Type.String(), { description: 'Event types delivered; empty means all.' }),
  source: Type.String({ description: 'env (configured by WHATSAPP_WEBHOOK_URLS) or api.' }),
  created_at: Type.String(),
  pending: Type.Integer({ description: 'Deliveries waiting or being retried.' }),
  delivered: Type.Integer({ description: 'Delivered since the gateway started.' }),
  failed: Type.Integer({ description: 'Given up since the gateway started.' }),
  last_error: Type.Union([Type.String(), Type.Null()]),
});

const CreateBody = Type.Object(
  {
    url: Type.String({ pattern: '^https?://\\S+$', maxLength: 2048, description: 'Where events are POSTed.' }),
    secret: Type.Optional(Type.String({ minLength: 16, maxLength: 256, description: 'HMAC key; generated when omitted and shown once.' })),
    types: Type.Optional(Type.String({ maxLength: 400, description: `Comma-separated event types (default all): ${EVENT_TYPES.join(', ')}.` })),
  },
  { additionalProperties: false, examples: [{ url: 'https://example.com/whatsapp-events', types: 'message.received' }] },
);

const DeliveriesView = Type.Object({
  ok: Type.Literal(true),
  pending: Type.Array(
    Type.Object({
      id: Type.String(),
      event_id: Type.String(),
      event_type: Type.String(),
      attempts: Type.Integer(),
      next_attempt_at: Type.String(),
      last_error: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  recent: Type.Array(
    Type.Object({
      id: Type.String(),
      webhook_id: Type.String(),
      event_id: Type.String(),
      event_type: Type.String(),
      status: Type.String({ description: 'delivered or failed' }),
      attempts: Type.Integer(),
      at: Type.String(),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

const tags = ['events'];

/** Receivers and their delivery status, under /api/webhooks. Secrets are shown once, at creation. */
export const webhookRoutes: FastifyPluginAsyncTypebox<WebhookRoutesOptions> = async (app, { registry, queue, onRemoved }) => {
  const view = (webhook: Webhook) => {
    const outcomes = queue.outcomes.filter((outcome) => outcome.webhook_id === webhook.id);
    const pending = queue.pending.filter((delivery) => delivery.webhook_id === webhook.id);
    return {
      id: webhook.id,
      url: webhook.url,
      types: webhook.types,
      source: webhook.source,
      created_at: webhook.created_at,
      pending: pending.length,
      delivered: outcomes.filter((outcome) => outcome.status === 'delivered').length,
      failed: outcomes.filter((outcome) => outcome.status === 'failed').length,
      last_error: pending[0]?.last_error ?? outcomes.at(-1)?.error ?? null,
    };
  };

  app.get(
    '/api/webhooks',
    {
      schema: {
        operationId: 'list_webhooks',
        summary: 'Webhook receivers and their delivery status',
        description: 'Every receiver (from WHATSAPP_WEBHOOK_URLS and from the API) with its pending, delivered and failed counts. Secrets are never shown here.',
        tags,
        response: { 200: { ...Type.Object({ ok: Type.Literal(true), webhooks: Type.Array(WebhookView) }), description: 'The receivers.', examples: [{ ok: true, webhooks: [EXAMPLE_WEBHOOK] }] } },
      },
    },
    async () => ({ ok: true as const, webhooks: registry.list().map(view) }),
  );

  app.post(
    '/api/webhooks',
    {
      schema: {
        operationId: 'add_webhook',
        summary: 'Add a webhook receiver (kept across restarts)',
        description: 'Every matching event is POSTed as JSON, signed with HMAC-SHA256 (see the README for the verification recipe), retried with backoff until a 2xx answer.',
        tags,
        body: CreateBody,
        response: {
          200: {
            ...Type.Object({ ok: Type.Literal(true), webhook: WebhookView, secret: Type.String({ description: 'Shown only now.' }) }),
            description: 'The receiver and its secret.',
            examples: [{ ok: true, webhook: { ...EXAMPLE_WEBHOOK, delivered: 0 }, secret: 'qL0x4v2Yb8S1nT6wR3eK9pZc5mUa7dFh' }],
          },
          400: errorResponse('A bad URL, secret or event type.', 'invalid_input', 'Unknown event type "message.exploded"; use any of message.received, ...'),
        },
      },
    },
    async (request) => {
      const types = parseEventTypes(request.body.types);
      const webhook = registry.add({ url: request.body.url, secret: request.body.secret, types: types ? [...types] : [] });
      return { ok: true as const, webhook: view(webhook), secret: webhook.secret };
    },
  );

  app.delete(
    '/api/webhooks/:id',
    {
      schema: {
        operationId: 'remove_webhook',
        summary: 'Remove a webhook receiver and its pending deliveries',
        description: 'Receivers from WHATSAPP_WEBHOOK_URLS are removed there, not here (400).',
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          200: { ...Type.Object({ ok: Type.Literal(true) }), description: 'Removed.', examples: [{ ok: true }] },
          400: errorResponse('The receiver comes from the environment.', 'invalid_input', 'Webhook env-0123456789ab comes from WHATSAPP_WEBHOOK_URLS; remove it there.'),
          404: NOT_FOUND,
        },
      },
    },
    async (request) => {
      registry.remove(request.params.id);
      onRemoved(request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        operationId: 'webhook_deliveries',
        summary: 'Pending deliveries and recent outcomes of one receiver',
        description: 'What is queued or being retried (with the last error), and the last 200 outcomes since the gateway started.',
        tags,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: {
          200: {
            ...DeliveriesView,
            description: 'The deliveries.',
            examples: [{ ok: true, pending: [], recent: [{ id: 'wh_0123456789abcdef:1767268800000001', webhook_id: 'wh_0123456789abcdef', event_id: '1767268800000001', event_type: 'message.received', status: 'delivered', attempts: 1, at: '2026-01-01T12:00:01.000Z', error: null }] }],
          },
          404: NOT_FOUND,
        },
      },
    },
    async (request) => {
      const webhook = registry.get(request.params.id);
      if (!webhook) throw new GatewayError('resource_not_found', `There is no webhook ${request.params.id}.`);
      return {
        ok: true as const,
        pending: queue.pending
          .filter((delivery) => delivery.webhook_id === webhook.id)
          .map((delivery) => ({ id: delivery.id, event_id: delivery.event.id, event_type: delivery.event.type, attempts: delivery.attempts, next_attempt_at: new Date(delivery.next_attempt_at).toISOString(), last_error: delivery.last_error })),
        recent: queue.outcomes.filter((outcome) => outcome.webhook_id === webhook.id),
      };
    },
  );
};
