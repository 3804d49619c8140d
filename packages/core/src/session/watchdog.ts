import { describeError } from '../errors.js';
import { withTimeout } from '../util/with-timeout.js';

export interface WatchdogOptions {
  /** 0 turns the watchdog off. */
  intervalMs: number;
  /** A probe slower than this counts as a failure. */
  probeTimeoutMs: number;
  /** Failed probes in a row before the session is declared dead. */
  failuresAllowed: number;
}

/**
 * While the session is ready, probes WhatsApp Web (the driver's cheap getState) on an interval. A
 * crashed renderer leaves the browser alive but makes every call hang; a few failed probes in a
 * row report the session dead so it can be restarted before users notice.
 */
export class Watchdog {
  readonly #options: WatchdogOptions;
  #timer: NodeJS.Timeout | null = null;
  #failures = 0;

  constructor(options: WatchdogOptions) {
    this.#options = options;
  }

  start(probe: () => Promise<unknown>, onDead: (reason: string) => void): void {
    this.stop();
    if (this.#options.intervalMs <= 0) return;
    this.#timer = setInterval(() => void this.#check(probe, onDead), this.#options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#failures = 0;
  }

  async #check(probe: () => Promise<unknown>, onDead: (reason: string) => void): Promise<void> {
    try {
      await withTimeout(probe(), this.#options.probeTimeoutMs, 'The state probe');
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      if (this.#failures >= this.#options.failuresAllowed && this.#timer) {
        this.stop();
        onDead(`WhatsApp Web stopped answering (${describeError(error)})`);
      }
    }
  }
}
