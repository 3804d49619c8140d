import type { Session } from '../session/index.js';
import type { OperationContext } from './operation.js';

/** How long a "this number is on WhatsApp" answer is reused: numbers rarely leave WhatsApp. */
const LOOKUP_TTL_MS = 10 * 60_000;
/** Bound on remembered numbers; the oldest answer is dropped first. */
const LOOKUP_CACHE_SIZE = 1000;

/**
 * Positive answers only: a number that is not on WhatsApp may join at any moment, so a negative
 * answer is always asked again. Insertion order of the Map is the eviction order.
 */
class NumberLookupCache {
  readonly #entries = new Map<string, { chatId: string; expiresAt: number }>();

  get(digits: string, now: number): string | null {
    const entry = this.#entries.get(digits);
    if (!entry) return null;
    if (entry.expiresAt > now) return entry.chatId;
    this.#entries.delete(digits);
    return null;
  }

  set(digits: string, chatId: string, now: number): void {
    this.#entries.delete(digits);
    if (this.#entries.size >= LOOKUP_CACHE_SIZE) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(digits, { chatId, expiresAt: now + LOOKUP_TTL_MS });
  }
}

/** One cache per session (per linked account), gone with it. */
const caches = new WeakMap<Session, NumberLookupCache>();

function cacheOf(session: Session): NumberLookupCache {
  let cache = caches.get(session);
  if (!cache) {
    cache = new NumberLookupCache();
    caches.set(session, cache);
  }
  return cache;
}

/** The chat id WhatsApp uses for a phone number (normalised digits), or null when it is not on WhatsApp. */
export async function lookupPhoneNumber(context: OperationContext, digits: string): Promise<string | null> {
  const cache = cacheOf(context.session);
  const known = cache.get(digits, Date.now());
  if (known) return known;
  const chatId = await context.session.call('Checking the number on WhatsApp', (driver) => driver.lookupNumber(digits), context.waitMs);
  if (chatId) cache.set(digits, chatId, Date.now());
  return chatId;
}
