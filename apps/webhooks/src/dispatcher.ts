import { backoffDelay, describeError, type EventLog, type GatewayEvent } from '@wa/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Delivery, DeliveryQueue } from './delivery-queue.js';
import { ATTEMPT_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signDelivery } from './signature.js';
import type { WebhookRegistry } from './webhook-registry.js';

export interface DispatcherOptions {
  maxAttempts: number;
  timeoutMs: number;
  /** First retry delay; doubles per attempt with jitter, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  logger: FastifyBaseLogger;
  now?: () => number;
  random?: () => number;
}

/**
 * Turns events into deliveries and sends them: one POST per event and receiver, signed, retried
 * with exponential backoff and jitter until a 2xx answer or `maxAttempts`.
 */
export class Dispatcher {
  readonly #registry: WebhookRegistry;
  readonly #queue: DeliveryQueue;
  readonly #options: Required<Omit<DispatcherOptions, 'logger'>> & { logger: FastifyBaseLogger };
  readonly #inFlight = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #stopped = false;

  constructor(registry: WebhookRegistry, queue: DeliveryQueue, options: DispatcherOptions) {
    this.#registry = registry;
    this.#queue = queue;
    this.#options = { baseDelayMs: 1000, maxDelayMs: 300_000, now: () => Date.now(), random: Math.random, ...options };
  }

  start(events: EventLog): void {
    this.#unsubscribe = events.subscribe((event) => this.accept(event));
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
  }

  /** Queues (durably) one delivery per receiver that wants this event. */
  accept(event: GatewayEvent): void {
    const now = this.#options.now();
    const deliveries: Delivery[] = this.#registry
      .list()
      .filter((webhook) => webhook.types.length === 0 || webhook.types.includes(event.type))
      .map((webhook) => ({ id: `${webhook.id}:${event.id}`, webhook_id: webhook.id, event, attempts: 0, next_attempt_at: now, last_error: null }));
    this.#queue.enqueue(deliveries);
    if (deliveries.length > 0) this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#pump(), Math.max(0, delayMs));
    this.#timer.unref();
  }

  async #pump(): Promise<void> {
    this.#timer = null;
    const now = this.#options.now();
    await Promise.all(this.#queue.due(now, this.#inFlight).map((delivery) => this.#attempt(delivery)));
    const next = this.#queue.nextDueAt();
    if (next !== null) this.#schedule(next - this.#options.now());
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const webhook = this.#registry.get(delivery.webhook_id);
    if (!webhook) {
      this.#queue.settle(delivery, 'failed', 'the webhook was removed');
      return;
    }
    this.#inFlight.add(webhook.id);
    delivery.attempts += 1;
    const body = JSON.stringify(delivery.event);
    const timestamp = Math.floor(this.#options.now() / 1000);
    let error: string | null = null;
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'whatsapp-gateway-webhooks',
          [SIGNATURE_HEADER]: signDelivery(webhook.secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [EVENT_ID_HEADER]: delivery.event.id,
          [EVENT_TYPE_HEADER]: delivery.event.type,
          [ATTEMPT_HEADER]: String(delivery.attempts),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
    } catch (failure) {
      error = describeError(failure);
    } finally {
      this.#inFlight.delete(webhook.id);
    }
    if (error === null) {
      this.#queue.settle(delivery, 'delivered', null);
    } else if (delivery.attempts >= this.#options.maxAttempts) {
      this.#options.logger.warn({ webhook: webhook.id, event: delivery.event.id, attempts: delivery.attempts, error }, 'webhook delivery gave up');
      this.#queue.settle(delivery, 'failed', error);
    } else {
      const delay = backoffDelay(delivery.attempts, this.#options.baseDelayMs, this.#options.maxDelayMs, this.#options.random);
      this.#queue.retryLater(delivery, error, this.#options.now() + delay);
    }
  }
}
