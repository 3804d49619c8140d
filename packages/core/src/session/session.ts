import type { Logger } from 'pino';
import type { Account, DriverFactory, StartOptions, WhatsAppDriver } from '../driver/index.js';
import { GatewayError, describeError, isGatewayError } from '../errors.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import { withTimeout } from '../util/with-timeout.js';
import { SELF_HEALING_DISABLED, SelfHealing, type SelfHealingOptions } from './self-healing.js';
import { SerialQueue } from './serial-queue.js';
import type { SessionEvents } from './session-events.js';
import { ACTIVE_STATES, UNLINKED_REASONS, type SessionSnapshot, type SessionState } from './states.js';

export interface SessionTimeouts {
  startMs: number;
  callMs: number;
  readyWaitMs: number;
  shutdownMs: number;
}

export interface SessionOptions {
  factory: DriverFactory;
  logger: Logger;
  timeouts: SessionTimeouts;
  /** Restarts, watchdog and ready timeout; off unless given. */
  selfHealing?: SelfHealingOptions;
  now?: () => number;
}

export type PairingCodeOutcome =
  | { alreadyAuthenticated: true }
  | { alreadyAuthenticated: false; code: string; phoneNumber: string };

const RETRY_AFTER_SECONDS = 5;

/**
 * The one owner of the WhatsApp driver, and the only place that assigns session state.
 * Start is idempotent and shared by concurrent callers; start, logout and shutdown run one at a
 * time; a failed start always ends in a state from which start works again.
 */
export class Session extends TypedEmitter<SessionEvents> {
  readonly #factory: DriverFactory;
  readonly #log: Logger;
  readonly #timeouts: SessionTimeouts;
  readonly #now: () => number;
  readonly #lifecycle = new SerialQueue();
  #snapshot: SessionSnapshot;
  #driver: WhatsAppDriver | null = null;
  #detachDriver: (() => void) | null = null;
  #pendingStart: Promise<SessionSnapshot> | null = null;
  #closed = false;
  /** The number the current pairing codes are for. */
  #pairingPhone = '';
  readonly #healing: SelfHealing;

  constructor(options: SessionOptions) {
    super();
    this.#factory = options.factory;
    this.#log = options.logger;
    this.#timeouts = options.timeouts;
    this.#now = options.now ?? (() => Date.now());
    this.#snapshot = { state: 'stopped', lastError: null, account: null, qr: null, pairingCode: null, since: this.#now(), recovery: { attempt: 0, nextRetryAt: null } };
    this.#healing = new SelfHealing(
      options.selfHealing ?? SELF_HEALING_DISABLED,
      {
        restart: () => this.#restart(),
        declareDead: (driver, reason) => this.#driver === driver && this.#onFailure(driver, new Error(reason)),
        logger: this.#log,
      },
      this.#now,
    );
    this.setListenerErrorHandler((error, event) => this.#log.error({ err: error, event }, 'session event listener failed'));
  }

  get state(): SessionState {
    return this.#snapshot.state;
  }

  /** Not narrowed by earlier checks: the state moves on while a method awaits. */
  #currentState(): SessionState {
    return this.#snapshot.state;
  }

  snapshot(): SessionSnapshot {
    const { account, pairingCode } = this.#snapshot;
    return { ...this.#snapshot, account: account && { ...account }, pairingCode: pairingCode && { ...pairingCode }, recovery: this.#healing.recovery };
  }

  /** Launches the client unless one is running or coming up. Concurrent callers share one start. */
  start(options: StartOptions = {}): Promise<SessionSnapshot> {
    if (this.#pendingStart) return this.#pendingStart;
    if (ACTIVE_STATES.has(this.state)) return Promise.resolve(this.snapshot());
    this.#healing.cancelScheduledRestart();
    const started = this.#lifecycle.run(() => this.#startExclusive(options));
    this.#pendingStart = started;
    const clear = (): void => {
      if (this.#pendingStart === started) this.#pendingStart = null;
    };
    started.then(clear, clear);
    return started;
  }

  /** Starts at boot when a saved session exists; failures are recorded in the state, not thrown. */
  async resumeIfSaved(): Promise<boolean> {
    if (!(await this.#factory.hasSavedSession())) return false;
    this.#log.info('saved session found: resuming');
    await this.start().catch(() => undefined);
    return true;
  }

  /**
   * Resolves once ready. Starts the client when none runs. Fails fast when a human is needed (a QR
   * or pairing code is waiting) and after `maxWaitMs` while the session is still coming up.
   */
  async waitUntilReady(maxWaitMs = this.#timeouts.readyWaitMs): Promise<void> {
    if (this.state === 'ready') return;
    if (this.#healing.restartPending) throw this.#recovering();
    const deadline = this.#now() + maxWaitMs;
    if (!ACTIVE_STATES.has(this.state)) await this.#boundedStart(maxWaitMs);
    const settled = await this.#waitForState((s) => s !== 'starting' && s !== 'authenticated', deadline - this.#now());
    const state = this.#currentState();
    if (state === 'ready') return;
    if (state === 'qr') {
      throw new GatewayError(
        'session_not_linked',
        'WhatsApp is not linked yet: scan the QR code at /qr (or request a pairing code) and retry.',
        { retryAfterSeconds: RETRY_AFTER_SECONDS, details: { state } },
      );
    }
    const reason = settled ? (this.#snapshot.lastError ?? `the session is ${state}`) : `still ${state} after ${maxWaitMs} ms`;
    throw new GatewayError('session_not_ready', `WhatsApp is not ready (${reason}); retry shortly.`, {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      details: { state },
    });
  }

  /** Runs `work` against a ready driver, bounded by the per-call timeout. */
  async call<T>(what: string, work: (driver: WhatsAppDriver) => Promise<T>, maxWaitMs?: number): Promise<T> {
    await this.waitUntilReady(maxWaitMs);
    const driver = this.#driver;
    if (!driver) throw new GatewayError('session_not_ready', 'WhatsApp is not ready; retry shortly.', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    try {
      return await withTimeout(work(driver), this.#timeouts.callMs, what);
    } catch (error) {
      if (isGatewayError(error)) throw error;
      throw new GatewayError('whatsapp_failed', `${what} failed in WhatsApp Web: ${describeError(error)}`, { cause: error });
    }
  }

  /** A pairing code for `phoneNumber` (digits), starting the client in pairing mode if needed. */
  async requestPairingCode(phoneNumber: string, maxWaitMs = this.#timeouts.startMs): Promise<PairingCodeOutcome> {
    const deadline = this.#now() + maxWaitMs;
    if (this.state === 'ready') return { alreadyAuthenticated: true };
    const current = this.#snapshot.pairingCode;
    if (this.state === 'qr' && current?.phoneNumber === phoneNumber) return { alreadyAuthenticated: false, code: current.code, phoneNumber };
    this.#pairingPhone = phoneNumber;
    if (!ACTIVE_STATES.has(this.state)) return this.#startInPairingMode(phoneNumber, maxWaitMs);

    await this.#waitForState((s) => s === 'qr' || s === 'ready', deadline - this.#now());
    if (this.#currentState() === 'ready') return { alreadyAuthenticated: true };
    const driver = this.#driver;
    if (this.#currentState() !== 'qr' || !driver) throw this.#notReady(`A pairing code cannot be requested while the session is ${this.state}`);
    const code = await withTimeout(driver.requestPairingCode(phoneNumber), this.#timeouts.callMs, 'Requesting a pairing code');
    this.#applyPairingCode(code);
    return { alreadyAuthenticated: false, code, phoneNumber };
  }

  /** Launches with `pairWithPhoneNumber` and resolves with the first code, or early when a saved session restores. */
  async #startInPairingMode(phoneNumber: string, maxWaitMs: number): Promise<PairingCodeOutcome> {
    const outcome = new Promise<PairingCodeOutcome>((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(this.#notReady(`No pairing code arrived within ${maxWaitMs} ms`))), maxWaitMs);
      timer.unref();
      const offCode = this.on('pairing_code', (code) => finish(() => resolve({ alreadyAuthenticated: false, code, phoneNumber })));
      const offState = this.on('state_changed', ({ to }) => to === 'ready' && finish(() => resolve({ alreadyAuthenticated: true })));
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        offCode();
        offState();
        settle();
      };
    });
    outcome.catch(() => undefined);
    const started = this.start({ pairingPhoneNumber: phoneNumber });
    return Promise.race([outcome, started.then(() => outcome)]);
  }

  #notReady(reason: string): GatewayError {
    return new GatewayError('session_not_ready', `${reason} (session is ${this.state}); retry shortly.`, {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      details: { state: this.state },
    });
  }

  /** Unlinks the device and deletes the saved session; ends in `stopped`. */
  logout(): Promise<void> {
    this.#healing.stop();
    return this.#lifecycle.run(async () => {
      this.#healing.stop();
      const driver = this.#driver;
      const linked = this.state === 'ready' || this.state === 'authenticated';
      this.#releaseDriver();
      if (driver && linked) {
        try {
          await withTimeout(driver.logout(), this.#timeouts.shutdownMs, 'Logging out');
        } catch (error) {
          this.#log.warn({ err: error }, 'logout in WhatsApp Web failed; deleting the saved session locally');
          await this.#stopDriver(driver);
        }
      } else if (driver) {
        await this.#stopDriver(driver);
      }
      await this.#factory.clearSavedSession();
      this.#transition('stopped', { lastError: null, account: null, qr: null, pairingCode: null });
    });
  }

  /** Closes the client (keeping the saved session) and refuses further starts. */
  shutdown(): Promise<void> {
    this.#closed = true;
    this.#healing.stop();
    return this.#lifecycle.run(async () => {
      const driver = this.#driver;
      this.#releaseDriver();
      if (driver) await this.#stopDriver(driver);
      this.#transition('stopped', { qr: null, pairingCode: null, account: null });
      this.removeAllListeners();
    });
  }

  async #startExclusive(options: StartOptions): Promise<SessionSnapshot> {
    if (this.#closed) throw new GatewayError('session_not_ready', 'The gateway is shutting down.');
    if (ACTIVE_STATES.has(this.state)) return this.snapshot();
    const previous = this.#driver;
    this.#releaseDriver();
    if (previous) await this.#stopDriver(previous);

    this.#transition('starting', { qr: null, pairingCode: null, account: null });
    let driver: WhatsAppDriver | null = null;
    try {
      driver = await this.#factory.create();
      this.#adopt(driver);
      await withTimeout(driver.start(options), this.#timeouts.startMs, 'Starting WhatsApp Web');
      return this.snapshot();
    } catch (error) {
      if (driver && this.#driver === driver) this.#releaseDriver();
      if (driver) await this.#stopDriver(driver);
      const advice = this.#closed ? '' : this.#healing.onLost();
      const message = `Start failed: ${describeError(error)}.${advice}`;
      this.#transition('disconnected', { lastError: message, qr: null, pairingCode: null, account: null });
      throw new GatewayError('browser_unavailable', advice ? message : `${message} Fix the cause and start again.`, {
        cause: error,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
  }

  /** Wires the driver's facts to state changes. Events from a released driver are ignored. */
  #adopt(driver: WhatsAppDriver): void {
    this.#driver = driver;
    const current = (): boolean => this.#driver === driver;
    const offs = [
      driver.on('qr', (qr) => current() && this.#onQr(qr)),
      driver.on('pairing_code', (code) => current() && this.#applyPairingCode(code)),
      driver.on('authenticated', () => {
        if (current() && this.state !== 'ready') this.#transition('authenticated', { qr: null });
      }),
      driver.on('ready', (account) => current() && this.#onReady(account)),
      driver.on('disconnected', (reason) => current() && this.#onDisconnected(driver, reason)),
      driver.on('failure', (error) => current() && this.#onFailure(driver, error)),
      driver.on('message', (message) => current() && this.emit('message_received', message)),
      driver.on('message_sent', (message) => current() && this.emit('message_sent', message)),
      driver.on('message_ack', (update) => current() && this.emit('message_ack', update)),
      driver.on('message_revoked', (update) => current() && this.emit('message_revoked', update)),
      driver.on('message_edited', (update) => current() && this.emit('message_edited', update)),
      driver.on('message_reaction', (update) => current() && this.emit('message_reaction', update)),
      driver.on('chat_unread', (update) => current() && this.emit('chat_unread', update)),
    ];
    this.#detachDriver = () => offs.forEach((off) => off());
  }

  #releaseDriver(): void {
    this.#detachDriver?.();
    this.#detachDriver = null;
    this.#driver = null;
  }

  async #stopDriver(driver: WhatsAppDriver): Promise<void> {
    try {
      await withTimeout(driver.stop(), this.#timeouts.shutdownMs, 'Closing the browser');
    } catch (error) {
      this.#log.warn({ err: error }, 'closing the WhatsApp client failed');
    }
  }

  #onQr(qr: string): void {
    const wasReady = this.state === 'ready';
    const lastError = wasReady
      ? 'WhatsApp showed a new QR code: the linked session was lost. Scan the new QR code at /qr.'
      : this.#snapshot.lastError;
    this.#transition('qr', { qr, account: null, lastError });
    this.emit('qr', qr);
  }

  #applyPairingCode(code: string): void {
    this.#snapshot = { ...this.#snapshot, pairingCode: { code, phoneNumber: this.#pairingPhone, issuedAt: this.#now() } };
    if (this.state !== 'ready' && this.state !== 'qr') this.#transition('qr', {});
    this.emit('pairing_code', code);
  }

  #onReady(account: Account): void {
    const same = this.state === 'ready' && this.#snapshot.account?.wid === account.wid;
    if (same) return;
    this.#transition('ready', { account: { ...account }, qr: null, pairingCode: null, lastError: null });
  }

  #onDisconnected(driver: WhatsAppDriver, reason: string): void {
    if (UNLINKED_REASONS.has(reason)) {
      // The library keeps this client alive and shows a new QR; keep it so the user can re-link.
      this.#transition('disconnected', {
        account: null,
        qr: null,
        lastError: `The phone unlinked this device (${reason}). Scan the new QR code at /qr to link again.`,
      });
      return;
    }
    this.#retire(driver);
    // CONFLICT: WhatsApp Web was opened elsewhere; restarting would fight the user for the session.
    const advice = reason === 'CONFLICT' ? ' Start again to take the session back.' : this.#healing.onLost();
    this.#transition('disconnected', { account: null, qr: null, pairingCode: null, lastError: `WhatsApp disconnected: ${reason}.${advice}` });
  }

  #onFailure(driver: WhatsAppDriver, error: Error): void {
    this.#retire(driver);
    this.#transition('disconnected', {
      account: null,
      qr: null,
      pairingCode: null,
      lastError: `The browser failed: ${describeError(error)}.${this.#closed ? '' : this.#healing.onLost()}`,
    });
  }

  /** Releases a dead driver and closes it in the lifecycle queue, so a restart waits for it. */
  #retire(driver: WhatsAppDriver): void {
    this.#releaseDriver();
    void this.#lifecycle.run(() => this.#stopDriver(driver));
  }

  #restart(): Promise<SessionSnapshot> {
    this.#log.info({ attempt: this.#healing.recovery.attempt }, 'restarting the WhatsApp client');
    return this.start();
  }

  #recovering(): GatewayError {
    const next = this.#healing.recovery.nextRetryAt;
    const seconds = next === null ? RETRY_AFTER_SECONDS : Math.max(1, Math.ceil((next - this.#now()) / 1000));
    return new GatewayError('session_not_ready', `WhatsApp is restarting after a failure (${this.#snapshot.lastError ?? 'unknown cause'}); retry in about ${seconds} s.`, {
      retryAfterSeconds: seconds,
      details: { state: this.state },
    });
  }

  #transition(to: SessionState, changes: Partial<Omit<SessionSnapshot, 'state' | 'since'>>): void {
    const from = this.state;
    this.#snapshot = { ...this.#snapshot, ...changes, state: to, since: from === to ? this.#snapshot.since : this.#now() };
    if (from === to) return;
    this.#healing.onState(to, this.#driver);
    this.#log.info({ from, to, last_error: this.#snapshot.lastError ?? undefined }, 'session state changed');
    this.emit('state_changed', { from, to, snapshot: this.snapshot() });
  }

  /** Starts, bounded by `maxWaitMs`; a start that takes longer keeps running in the background. */
  async #boundedStart(maxWaitMs: number, options: StartOptions = {}): Promise<void> {
    const started = this.start(options);
    started.catch(() => undefined);
    await Promise.race([started, sleep(maxWaitMs)]);
  }

  #waitForState(predicate: (state: SessionState) => boolean, timeoutMs: number): Promise<boolean> {
    if (predicate(this.state)) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(false), timeoutMs);
      timer.unref();
      const off = this.on('state_changed', ({ to }) => predicate(to) && finish(true));
      function finish(result: boolean): void {
        clearTimeout(timer);
        off();
        resolve(result);
      }
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
