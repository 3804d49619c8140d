import { describe, expect, it, vi } from 'vitest';
import { createSandboxDriverFactory } from '../drivers/sandbox/index.js';
import { SandboxDriver } from '../drivers/sandbox/sandbox-driver.js';
import { nextEvent } from '../../test/support/next-event.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import type { SelfHealingOptions } from './self-healing.js';
import { Session } from './session.js';
import type { SessionState } from './states.js';

const HEALING: SelfHealingOptions = { enabled: true, maxAttempts: 3, baseDelayMs: 40, maxDelayMs: 200, watchdogIntervalMs: 0, readyTimeoutMs: 0 };

function setup(healing: Partial<SelfHealingOptions> = {}) {
  const factory = createSandboxDriverFactory({ linkDelayMs: 20, echoDelayMs: 10 });
  factory.world.linked = true;
  const session = new Session({
    factory,
    logger: silentLogger(),
    timeouts: { startMs: 1000, callMs: 500, readyWaitMs: 1000, shutdownMs: 500 },
    selfHealing: { ...HEALING, ...healing },
  });
  const states: SessionState[] = [];
  session.on('state_changed', ({ to }) => states.push(to));
  const reach = (state: SessionState, timeoutMs = 3000) =>
    session.state === state ? Promise.resolve() : nextEvent(session, 'state_changed', ({ to }) => to === state, timeoutMs).then(() => undefined);
  return { factory, session, states, reach };
}

describe('Session self-healing', () => {
  it('restarts by itself after a browser crash and resets the count once ready', async () => {
    const { factory, session, reach } = setup();
    await session.start();
    await reach('ready');
    const crashed = factory.current as SandboxDriver;
    crashed.crash();
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('Restarting by itself (attempt 1 of 3)') });
    expect(session.snapshot().recovery.attempt).toBe(1);
    expect(session.snapshot().recovery.nextRetryAt).toBeGreaterThan(Date.now() - 1);
    await reach('ready');
    expect(factory.current).not.toBe(crashed);
    expect(session.snapshot().recovery).toEqual({ attempt: 0, nextRetryAt: null });
    await session.shutdown();
  });

  it('retries a failing start with backoff, then gives up with the reason', async () => {
    const { factory, session, reach } = setup({ maxAttempts: 2 });
    const create = vi.spyOn(factory, 'create').mockImplementation(async () => {
      const driver = new SandboxDriver(factory.world, { linkDelayMs: 10 });
      driver.start = async () => {
        throw new Error('net::ERR_NAME_NOT_RESOLVED');
      };
      return driver;
    });
    await expect(session.start()).rejects.toMatchObject({ code: 'browser_unavailable' });
    await vi.waitFor(() => expect(session.snapshot().lastError).toContain('Gave up after 2 restarts'), { timeout: 3000 });
    expect(create).toHaveBeenCalledTimes(3);
    expect(session.state).toBe('disconnected');
    expect(session.snapshot().recovery.nextRetryAt).toBeNull();
    create.mockRestore();
    await session.start();
    await reach('ready');
    await session.shutdown();
  });

  it('answers callers with not-ready and the time to the next restart instead of starting one', async () => {
    const { factory, session, reach } = setup({ baseDelayMs: 2000, maxDelayMs: 2000 });
    await session.start();
    await reach('ready');
    (factory.current as SandboxDriver).crash();
    const create = vi.spyOn(factory, 'create');
    const error = await session.waitUntilReady(1000).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'session_not_ready', message: expect.stringMatching(/restarting after a failure/) });
    expect((error as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((error as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(create).not.toHaveBeenCalled();
    await session.shutdown();
  });

  it('waits for the user after the phone unlinks or another WhatsApp Web takes over', async () => {
    const { factory, session, reach } = setup();
    await session.start();
    await reach('ready');
    (factory.current as SandboxDriver).emit('disconnected', 'CONFLICT');
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('Start again to take the session back') });
    expect(session.snapshot().recovery.nextRetryAt).toBeNull();
    await session.start();
    await reach('ready');
    (factory.current as SandboxDriver).phoneLogout();
    expect(session.snapshot().recovery.nextRetryAt).toBeNull();
    await session.shutdown();
  });

  it('restarts when the watchdog finds WhatsApp Web no longer answering', async () => {
    const { factory, session, reach } = setup({ watchdogIntervalMs: 30 });
    await session.start();
    await reach('ready');
    const hung = factory.current as SandboxDriver;
    hung.getState = () => new Promise(() => {});
    await reach('disconnected', 5000);
    expect(session.snapshot().lastError).toMatch(/stopped answering/);
    await reach('ready');
    expect(factory.current).not.toBe(hung);
    await session.shutdown();
  });

  it('restarts a client that authenticated but never became ready', async () => {
    const { factory, session, reach } = setup({ readyTimeoutMs: 100 });
    const stuck = new SandboxDriver(factory.world, { linkDelayMs: 10 });
    stuck.start = async () => {
      setTimeout(() => stuck.emit('authenticated'), 5);
    };
    vi.spyOn(factory, 'create').mockResolvedValueOnce(stuck);
    await session.start();
    await reach('authenticated');
    await reach('disconnected');
    expect(session.snapshot().lastError).toMatch(/did not become ready within 100 ms/);
    await reach('ready');
    await session.shutdown();
  });

  it('drops a scheduled restart when someone starts or logs out by hand', async () => {
    const { factory, session, reach } = setup({ baseDelayMs: 5000, maxDelayMs: 5000 });
    await session.start();
    await reach('ready');
    (factory.current as SandboxDriver).crash();
    const create = vi.spyOn(factory, 'create');
    await session.start();
    await reach('ready');
    expect(create).toHaveBeenCalledTimes(1);
    (factory.current as SandboxDriver).crash();
    await session.logout();
    expect(session.snapshot()).toMatchObject({ state: 'stopped', recovery: { attempt: 0, nextRetryAt: null } });
    await session.shutdown();
  });
});
