import { matches, type EventFilter, type EventType, type GatewayEvent } from './gateway-event.js';

export interface EventPage {
  events: GatewayEvent[];
  /** Pass back to continue after these events. */
  cursor: string;
  /** True when events after the given cursor were dropped from the buffer (or belong to an earlier run). */
  gap: boolean;
}

export interface EventLogOptions {
  /** Events kept in memory for resuming clients. */
  capacity: number;
  now?: () => number;
}

const DEDUPE_KEYS = 5000;

/**
 * The gateway's event stream: a bounded in-memory ring with a monotonic cursor, so SSE clients,
 * pollers and webhooks resume from their last cursor after a short disconnect. Cursors start at
 * boot time x 1000, so a cursor from an earlier run is always older than any of this run.
 */
export class EventLog {
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #ring: GatewayEvent[] = [];
  readonly #listeners = new Set<(event: GatewayEvent) => void>();
  readonly #recentKeys = new Set<string>();
  readonly #firstSeq: number;
  #nextSeq: number;

  constructor(options: EventLogOptions) {
    this.#capacity = options.capacity;
    this.#now = options.now ?? (() => Date.now());
    this.#firstSeq = this.#now() * 1000;
    this.#nextSeq = this.#firstSeq;
  }

  /** The cursor of the newest event (or of the boot when none happened yet). */
  get cursor(): string {
    return String(this.#nextSeq - 1);
  }

  /**
   * Publishes an event. With a `dedupeKey` seen recently, nothing is published and null returned:
   * the library repeats `ready` and some message events.
   */
  append(type: EventType, chatId: string | null, data: Record<string, unknown>, dedupeKey?: string): GatewayEvent | null {
    if (dedupeKey !== undefined) {
      if (this.#recentKeys.has(dedupeKey)) return null;
      this.#recentKeys.add(dedupeKey);
      if (this.#recentKeys.size > DEDUPE_KEYS) this.#recentKeys.delete(this.#recentKeys.values().next().value as string);
    }
    const event: GatewayEvent = { id: String(this.#nextSeq), type, at: new Date(this.#now()).toISOString(), chat_id: chatId, data };
    this.#nextSeq += 1;
    this.#ring.push(event);
    if (this.#ring.length > this.#capacity) this.#ring.shift();
    for (const listener of this.#listeners) listener(event);
    return event;
  }

  /**
   * Events after `cursor` that match, oldest first, at most `limit`. Without a cursor: the latest
   * `limit` matching events.
   */
  since(cursor: string | undefined, filter: EventFilter = {}, limit = 100): EventPage {
    const after = cursor === undefined ? null : Number(cursor);
    const oldest = this.#ring[0] ? Number(this.#ring[0].id) : this.#nextSeq;
    const gap = after !== null && (Number.isNaN(after) || after < oldest - 1);
    const matching = this.#ring.filter((event) => (after === null || Number.isNaN(after) || Number(event.id) > after) && matches(event, filter));
    const events = after === null ? matching.slice(-limit) : matching.slice(0, limit);
    // With more matches waiting, continue after the last one returned; otherwise everything up to
    // now has been seen and the cursor moves to the newest event.
    const more = after !== null && matching.length > limit;
    return { events, cursor: more ? events.at(-1)!.id : this.cursor, gap };
  }

  /** Like `since`, but waits up to `timeoutMs` for a first matching event. */
  wait(cursor: string | undefined, filter: EventFilter, limit: number, timeoutMs: number, signal?: AbortSignal): Promise<EventPage> {
    const start = cursor ?? this.cursor;
    const page = this.since(start, filter, limit);
    if (page.events.length > 0 || page.gap || timeoutMs <= 0 || signal?.aborted) return Promise.resolve(page);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        off();
        signal?.removeEventListener('abort', finish);
        resolve(this.since(start, filter, limit));
      };
      const timer = setTimeout(finish, timeoutMs);
      timer.unref();
      const off = this.subscribe((event) => {
        if (matches(event, filter)) finish();
      });
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  /** Calls `listener` for every event published from now on. */
  subscribe(listener: (event: GatewayEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
