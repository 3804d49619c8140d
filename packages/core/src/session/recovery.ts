import { backoffDelay } from './backoff.js';

export interface RecoveryOptions {
  enabled: boolean;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const RECOVERY_DISABLED: RecoveryOptions = { enabled: false, maxAttempts: 0, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface RecoveryState {
  /** Restarts tried since the session was last ready. */
  attempt: number;
  /** Unix milliseconds of the next restart, or null when none is scheduled. */
  nextRetryAt: number | null;
}

/**
 * Schedules restarts after failures: exponential backoff with jitter, capped, reset once ready.
 * Gives up after `maxAttempts` in a row; the session then waits for a manual start.
 */
export class RecoveryScheduler {
  readonly #options: RecoveryOptions;
  readonly #now: () => number;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #nextRetryAt: number | null = null;

  constructor(options: RecoveryOptions, now: () => number = () => Date.now()) {
    this.#options = options;
    this.#now = now;
  }

  get state(): RecoveryState {
    return { attempt: this.#attempt, nextRetryAt: this.#nextRetryAt };
  }

  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Schedules `restart`; false when recovery is off or the attempts are used up. */
  schedule(restart: () => void): boolean {
    this.cancel();
    if (!this.#options.enabled || this.#attempt >= this.#options.maxAttempts) return false;
    this.#attempt += 1;
    const delay = backoffDelay(this.#attempt, this.#options.baseDelayMs, this.#options.maxDelayMs);
    this.#nextRetryAt = this.#now() + delay;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#nextRetryAt = null;
      restart();
    }, delay);
    this.#timer.unref();
    return true;
  }

  get exhausted(): boolean {
    return this.#options.enabled && this.#attempt >= this.#options.maxAttempts;
  }

  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#nextRetryAt = null;
  }

  /** The session is healthy again (ready), or the user took over (logout): start counting afresh. */
  reset(): void {
    this.cancel();
    this.#attempt = 0;
  }
}
