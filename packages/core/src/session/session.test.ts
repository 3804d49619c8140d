import { describe, expect, it, vi } from 'vitest';
import { createSandboxDriverFactory, type SandboxDriverFactory } from '../drivers/sandbox/index.js';
import { SandboxDriver } from '../drivers/sandbox/sandbox-driver.js';
import { GatewayError } from '../errors.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { nextEvent } from '../../test/support/next-event.js';
import { Session, type SessionTimeouts } from './session.js';
import type { SessionState } from './states.js';

const TIMEOUTS: SessionTimeouts = { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 1000 };

function setup(options: { linkDelayMs?: number; timeouts?: Partial<SessionTimeouts> } = {}) {
  const factory = createSandboxDriverFactory({ linkDelayMs: options.linkDelayMs ?? 50, echoDelayMs: 10 });
  const session = new Session({ factory, logger: silentLogger(), timeouts: { ...TIMEOUTS, ...options.timeouts } });
  const states: SessionState[] = [];
  session.on('state_changed', ({ to }) => states.push(to));
  return { factory, session, states };
}

const reach = (session: Session, state: SessionState, timeoutMs = 3000) =>
  session.state === state ? Promise.resolve() : nextEvent(session, 'state_changed', ({ to }) => to === state, timeoutMs).then(() => undefined);

describe('Session', () => {
  it('starts stopped and walks starting, qr, authenticated, ready when the phone links', async () => {
    const { session, states } = setup();
    expect(session.snapshot()).toMatchObject({ state: 'stopped', lastError: null, account: null, qr: null });
    const qr = nextEvent(session, 'qr');
    const snapshot = await session.start();
    expect(['starting', 'qr']).toContain(snapshot.state);
    const [qrString] = await qr;
    expect(qrString).toMatch(/^2@sandbox-/);
    await reach(session, 'ready');
    expect(states).toEqual(['starting', 'qr', 'authenticated', 'ready']);
    expect(session.snapshot().account).toEqual({ wid: '15551234567@c.us', pushname: 'Sandbox User', platform: 'sandbox' });
    expect(session.snapshot().qr).toBeNull();
  });

  it('shares one start between concurrent callers and is a no-op while running', async () => {
    const { factory, session } = setup();
    const create = vi.spyOn(factory, 'create');
    const results = await Promise.all([session.start(), session.start(), session.start()]);
    expect(create).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.state)).size).toBe(1);
    await reach(session, 'ready');
    await session.start();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('ends a failed start in disconnected with last_error, from which start works again', async () => {
    const { factory, session } = setup();
    factory.failNextStart(new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'));
    const failure = await session.start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayError);
    expect((failure as GatewayError).code).toBe('browser_unavailable');
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('ERR_NAME_NOT_RESOLVED') });
    await session.start();
    await reach(session, 'ready');
    expect(session.snapshot().lastError).toBeNull();
  });

  it('times out a start that hangs, stops that driver and stays startable', async () => {
    const { factory, session } = setup({ timeouts: { startMs: 100 } });
    const hanging = new SandboxDriver(factory.world, { linkDelayMs: 10 });
    hanging.start = () => new Promise(() => {});
    const stop = vi.spyOn(hanging, 'stop');
    vi.spyOn(factory, 'create').mockResolvedValueOnce(hanging);
    await expect(session.start()).rejects.toMatchObject({ code: 'browser_unavailable' });
    expect(stop).toHaveBeenCalled();
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('did not finish within 100 ms') });
    await session.start();
    await reach(session, 'ready');
  });

  it('emits ready once when the driver repeats ready', async () => {
    const { factory, session, states } = setup();
    await session.start();
    await reach(session, 'ready');
    const driver = factory.current as SandboxDriver;
    driver.emit('authenticated');
    driver.emit('ready', { ...factory.world.account });
    expect(states.filter((s) => s === 'ready')).toHaveLength(1);
    expect(session.state).toBe('ready');
  });

  it('logs out: unlinks, deletes the saved session and ends stopped', async () => {
    const { factory, session } = setup();
    await session.start();
    await reach(session, 'ready');
    await session.logout();
    expect(session.snapshot()).toMatchObject({ state: 'stopped', account: null, lastError: null });
    expect(await factory.hasSavedSession()).toBe(false);
    const qr = nextEvent(session, 'qr');
    await session.start();
    await qr;
  });

  it('serializes logout after an in-flight start, leaving no client running', async () => {
    const { factory, session } = setup({ linkDelayMs: 5000 });
    const started = session.start();
    const loggedOut = session.logout();
    await started;
    await loggedOut;
    expect(session.state).toBe('stopped');
    expect(await (factory.current as SandboxDriver).getState()).toBeNull();
  });

  it('deletes a saved session on logout even when no client runs', async () => {
    const { factory, session } = setup();
    factory.world.linked = true;
    await session.logout();
    expect(factory.world.linked).toBe(false);
    expect(session.state).toBe('stopped');
  });

  it('resumes a saved session at boot without a QR', async () => {
    const { factory, session, states } = setup();
    factory.world.linked = true;
    const onQr = vi.fn();
    session.on('qr', onQr);
    expect(await session.resumeIfSaved()).toBe(true);
    await reach(session, 'ready');
    expect(onQr).not.toHaveBeenCalled();
    expect(states).toEqual(['starting', 'authenticated', 'ready']);
  });

  it('does nothing at boot when no session was saved', async () => {
    const { session } = setup();
    expect(await session.resumeIfSaved()).toBe(false);
    expect(session.state).toBe('stopped');
  });

  it('records a phone-side logout, then offers the new QR', async () => {
    const { factory, session } = setup({ linkDelayMs: 60_000 });
    factory.world.linked = true;
    await session.start();
    await reach(session, 'ready');
    const disconnected = reach(session, 'disconnected');
    const qr = reach(session, 'qr');
    (factory.current as SandboxDriver).phoneLogout();
    await disconnected;
    expect(session.snapshot().lastError).toContain('LOGOUT');
    await qr;
    expect(session.snapshot()).toMatchObject({ state: 'qr', account: null });
    expect(session.snapshot().qr).not.toBeNull();
  });

  it('turns a browser crash into disconnected with the cause, and starts again', async () => {
    const { factory, session } = setup();
    factory.world.linked = true;
    await session.start();
    await reach(session, 'ready');
    const crashed = factory.current as SandboxDriver;
    crashed.crash();
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: 'The browser failed: Sandbox browser crashed.' });
    await session.start();
    await reach(session, 'ready');
    expect(factory.current).not.toBe(crashed);
  });

  it('ignores events from a driver it has released', async () => {
    const { factory, session } = setup();
    factory.world.linked = true;
    await session.start();
    await reach(session, 'ready');
    const old = factory.current as SandboxDriver;
    old.crash();
    await session.start();
    await reach(session, 'ready');
    old.emit('disconnected', 'CONFLICT');
    expect(session.state).toBe('ready');
  });

  describe('waitUntilReady', () => {
    it('starts a saved session and resolves once ready', async () => {
      const { factory, session } = setup();
      factory.world.linked = true;
      await session.waitUntilReady(2000);
      expect(session.state).toBe('ready');
    });

    it('fails fast with session_not_linked when a human has to scan', async () => {
      const { session } = setup({ linkDelayMs: 60_000 });
      const started = Date.now();
      await expect(session.waitUntilReady(2000)).rejects.toMatchObject({ code: 'session_not_linked', retryAfterSeconds: 5 });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('gives up after the bound while the session is still coming up', async () => {
      const { factory, session } = setup();
      factory.world.linked = true;
      const slow = new SandboxDriver(factory.world, { linkDelayMs: 10 });
      slow.start = () => new Promise(() => {});
      vi.spyOn(factory, 'create').mockResolvedValueOnce(slow);
      await expect(session.waitUntilReady(100)).rejects.toMatchObject({ code: 'session_not_ready', details: { state: 'starting' } });
    });
  });

  describe('pairing codes', () => {
    it('starts in pairing mode and returns an 8-character code, then links', async () => {
      const { session } = setup({ linkDelayMs: 100 });
      const outcome = await session.requestPairingCode('15551234567');
      expect(outcome).toMatchObject({ alreadyAuthenticated: false, phoneNumber: '15551234567', code: expect.stringMatching(/^[A-Z0-9]{8}$/) });
      expect(session.snapshot()).toMatchObject({ state: 'qr', pairingCode: { phoneNumber: '15551234567' } });
      await reach(session, 'ready');
      expect(session.snapshot().pairingCode).toBeNull();
    });

    it('asks the running client for a code while a QR is shown', async () => {
      const { session } = setup({ linkDelayMs: 60_000 });
      await session.start();
      await reach(session, 'qr');
      const outcome = await session.requestPairingCode('4915123456789');
      expect(outcome).toMatchObject({ alreadyAuthenticated: false, phoneNumber: '4915123456789' });
      expect(session.snapshot().pairingCode?.phoneNumber).toBe('4915123456789');
    });

    it('answers already authenticated when ready', async () => {
      const { factory, session } = setup();
      factory.world.linked = true;
      await session.start();
      await reach(session, 'ready');
      expect(await session.requestPairingCode('15551234567')).toEqual({ alreadyAuthenticated: true });
    });
  });

  it('bounds every driver call with the call timeout', async () => {
    const { factory, session } = setup({ timeouts: { callMs: 50 } });
    factory.world.linked = true;
    await session.start();
    await reach(session, 'ready');
    await expect(session.call('Listing chats', () => new Promise(() => {}))).rejects.toMatchObject({ code: 'browser_timeout' });
    await expect(session.call('Listing chats', async () => { throw new Error('Attempted to use detached Frame'); })).rejects.toMatchObject({
      code: 'whatsapp_failed',
      message: expect.stringContaining('detached Frame'),
    });
  });

  it('shuts down: stops the client and refuses new starts', async () => {
    const { factory, session } = setup();
    factory.world.linked = true;
    await session.start();
    await reach(session, 'ready');
    const driver = factory.current as SandboxDriver;
    await session.shutdown();
    expect(session.state).toBe('stopped');
    expect(await driver.getState()).toBeNull();
    await expect(session.start()).rejects.toBeInstanceOf(GatewayError);
    expect(factory.world.linked).toBe(true);
  });
});

export type { SandboxDriverFactory };
