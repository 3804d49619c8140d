import type { Logger } from 'pino';
import type { WhatsAppDriver } from '../driver/index.js';
import { RECOVERY_DISABLED, RecoveryScheduler, type RecoveryOptions, type RecoveryState } from './recovery.js';
import type { SessionState } from './states.js';
import { Watchdog } from './watchdog.js';

export interface SelfHealingOptions extends RecoveryOptions {
  /** While ready, how often the driver is probed; 0 turns the watchdog off. */
  watchdogIntervalMs: number;
  /** `authenticated` without `ready` for this long counts as a hung start. */
  readyTimeoutMs: number;
}

export const SELF_HEALING_DISABLED: SelfHealingOptions = { ...RECOVERY_DISABLED, watchdogIntervalMs: 0, readyTimeoutMs: 0 };

export interface SelfHealingHooks {
  /** Starts the client again (the session's own start). */
  restart(): Promise<unknown>;
  /** Declares `driver` dead for `reason` (the session's failure path). */
  declareDead(driver: WhatsAppDriver, reason: string): void;
  logger: Logger;
}

/**
 * What keeps a session alive without a human: restarts after failures (backoff with jitter, capped),
 * a watchdog probing WhatsApp Web while ready, and a timeout on `authenticated` that never becomes
 * `ready`. Driven by the session's state changes; owns no state of the session itself.
 */
export class SelfHealing {
  readonly #options: SelfHealingOptions;
  readonly #hooks: SelfHealingHooks;
  readonly #recovery: RecoveryScheduler;
  readonly #watchdog: Watchdog;
  #readyTimer: NodeJS.Timeout | null = null;

  constructor(options: SelfHealingOptions, hooks: SelfHealingHooks, now?: () => number) {
    this.#options = options;
    this.#hooks = hooks;
    this.#recovery = new RecoveryScheduler(options, now);
    this.#watchdog = new Watchdog({ intervalMs: options.watchdogIntervalMs, probeTimeoutMs: Math.min(5000, Math.max(500, options.watchdogIntervalMs)), failuresAllowed: 2 });
  }

  get recovery(): RecoveryState {
    return this.#recovery.state;
  }

  /** A restart is scheduled: callers should come back later rather than start one themselves. */
  get restartPending(): boolean {
    return this.#recovery.pending;
  }

  /** Follows the session: ready resets everything and arms the watchdog; authenticated arms the ready timeout. */
  onState(state: SessionState, driver: WhatsAppDriver | null): void {
    this.#clearReadyTimer();
    if (state !== 'ready') this.#watchdog.stop();
    if (state === 'ready' && driver) {
      this.#recovery.reset();
      this.#watchdog.start(
        () => driver.getState(),
        (reason) => this.#hooks.declareDead(driver, reason),
      );
    }
    if (state === 'authenticated' && driver && this.#options.readyTimeoutMs > 0) {
      this.#readyTimer = setTimeout(() => {
        this.#hooks.declareDead(driver, `linked but WhatsApp Web did not become ready within ${this.#options.readyTimeoutMs} ms`);
      }, this.#options.readyTimeoutMs);
      this.#readyTimer.unref();
    }
  }

  /** The session was lost for a reason a restart can fix. Returns a sentence for last_error. */
  onLost(): string {
    const scheduled = this.#recovery.schedule(() => {
      this.#hooks.restart().catch(() => undefined);
    });
    const { attempt, nextRetryAt } = this.#recovery.state;
    if (scheduled && nextRetryAt !== null) {
      this.#hooks.logger.warn({ attempt, next_restart_at: new Date(nextRetryAt).toISOString() }, 'restart scheduled');
      return ` Restarting by itself (attempt ${attempt} of ${this.#options.maxAttempts}).`;
    }
    if (this.#recovery.exhausted) return ` Gave up after ${attempt} restarts: start it again once the cause is fixed.`;
    return '';
  }

  /** A person took over (manual start): the scheduled restart is dropped, the attempt count kept. */
  cancelScheduledRestart(): void {
    this.#recovery.cancel();
  }

  /** Logout or shutdown: nothing runs any more and the count starts afresh. */
  stop(): void {
    this.#recovery.reset();
    this.#watchdog.stop();
    this.#clearReadyTimer();
  }

  #clearReadyTimer(): void {
    if (this.#readyTimer) clearTimeout(this.#readyTimer);
    this.#readyTimer = null;
  }
}
