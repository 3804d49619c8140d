import type { GatewayEvent } from '@wa/core';
import type { AtomicJsonFile } from './atomic-json-file.js';

export interface Delivery {
  /** `<webhook id>:<event id>`: the same across retries and restarts. */
  id: string;
  webhook_id: string;
  event: GatewayEvent;
  attempts: number;
  /** Unix milliseconds. */
  next_attempt_at: number;
  last_error: string | null;
}

export interface DeliveryOutcome {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  status: 'delivered' | 'failed';
  attempts: number;
  at: string;
  error: string | null;
}

const RECENT_OUTCOMES = 200;

/**
 * Pending deliveries, persisted before they are attempted and removed only once answered 2xx (or
 * given up): a restart resends what was in flight, so receivers get every event at least once and
 * dedupe by event id. Bounded: past `capacity` the oldest pending delivery is dropped and counted.
 */
export class DeliveryQueue {
  readonly #file: AtomicJsonFile<Delivery[]>;
  readonly #capacity: number;
  #pending: Delivery[];
  readonly #outcomes: DeliveryOutcome[] = [];
  dropped = 0;

  constructor(file: AtomicJsonFile<Delivery[]>, capacity: number) {
    this.#file = file;
    this.#capacity = capacity;
    this.#pending = file.read([]);
  }

  get pending(): readonly Delivery[] {
    return this.#pending;
  }

  get outcomes(): readonly DeliveryOutcome[] {
    return this.#outcomes;
  }

  enqueue(deliveries: Delivery[]): void {
    if (deliveries.length === 0) return;
    const known = new Set(this.#pending.map((delivery) => delivery.id));
    this.#pending.push(...deliveries.filter((delivery) => !known.has(delivery.id)));
    while (this.#pending.length > this.#capacity) {
      this.#pending.shift();
      this.dropped += 1;
    }
    this.#file.write(this.#pending);
  }

  /** The first pending delivery of each webhook, if due: deliveries to one receiver stay in order. */
  due(now: number, inFlight: ReadonlySet<string>): Delivery[] {
    const heads = new Map<string, Delivery>();
    for (const delivery of this.#pending) if (!heads.has(delivery.webhook_id)) heads.set(delivery.webhook_id, delivery);
    return [...heads.values()].filter((delivery) => delivery.next_attempt_at <= now && !inFlight.has(delivery.webhook_id));
  }

  /** The next time something becomes due, or null when nothing is pending. */
  nextDueAt(): number | null {
    return this.#pending.reduce<number | null>((soonest, delivery) => (soonest === null ? delivery.next_attempt_at : Math.min(soonest, delivery.next_attempt_at)), null);
  }

  settle(delivery: Delivery, status: DeliveryOutcome['status'], error: string | null): void {
    this.#pending = this.#pending.filter((pending) => pending.id !== delivery.id);
    this.#file.write(this.#pending);
    this.#record({ ...delivery, last_error: error }, status);
  }

  retryLater(delivery: Delivery, error: string, nextAttemptAt: number): void {
    delivery.last_error = error;
    delivery.next_attempt_at = nextAttemptAt;
    this.#file.write(this.#pending);
  }

  forgetWebhook(webhookId: string): void {
    this.#pending = this.#pending.filter((delivery) => delivery.webhook_id !== webhookId);
    this.#file.write(this.#pending);
  }

  #record(delivery: Delivery, status: DeliveryOutcome['status']): void {
    this.#outcomes.push({
      id: delivery.id,
      webhook_id: delivery.webhook_id,
      event_id: delivery.event.id,
      event_type: delivery.event.type,
      status,
      attempts: delivery.attempts,
      at: new Date().toISOString(),
      error: delivery.last_error,
    });
    if (this.#outcomes.length > RECENT_OUTCOMES) this.#outcomes.shift();
  }
}
