import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EventLog, EventType, GatewayConfig } from '@wa/core';
import { join } from 'node:path';
import { AtomicJsonFile } from './atomic-json-file.js';
import { DeliveryQueue, type Delivery } from './delivery-queue.js';
import { Dispatcher } from './dispatcher.js';
import { WebhookRegistry, type Webhook } from './webhook-registry.js';
import { webhookRoutes } from './webhook-routes.js';

export const WEBHOOKS_FILE = 'webhooks.json';
export const QUEUE_FILE = 'webhook-queue.json';
const QUEUE_CAPACITY = 10_000;

export interface WebhooksPluginOptions {
  config: Readonly<GatewayConfig>;
  events: EventLog;
  /** Retry timing (tests shorten it). */
  retry?: { baseDelayMs: number; maxDelayMs: number };
}

/**
 * The webhooks transport: receivers (environment and API), a durable delivery queue next to the
 * auth dir, the dispatcher, and the management routes.
 */
export const webhooksPlugin: FastifyPluginAsyncTypebox<WebhooksPluginOptions> = async (app, { config, events, retry }) => {
  const registry = new WebhookRegistry(new AtomicJsonFile<Webhook[]>(join(config.authDir, WEBHOOKS_FILE)), {
    urls: config.webhooks.urls,
    secret: config.webhooks.secret,
    types: config.webhooks.types as EventType[],
  });
  const queue = new DeliveryQueue(new AtomicJsonFile<Delivery[]>(join(config.authDir, QUEUE_FILE)), QUEUE_CAPACITY);
  const dispatcher = new Dispatcher(registry, queue, {
    maxAttempts: config.webhooks.maxAttempts,
    timeoutMs: config.webhooks.timeoutMs,
    logger: app.log,
    ...retry,
  });
  dispatcher.start(events);
  app.addHook('preClose', async () => dispatcher.stop());
  await app.register(webhookRoutes, { registry, queue, onRemoved: (id) => queue.forgetWebhook(id) });
};
