import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createSandboxDriverFactory, type SandboxDriverFactory } from '../drivers/sandbox/index.js';
import { EventLog } from '../events/index.js';
import { Session } from '../session/index.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { lookupPhoneNumber } from './number-lookup.js';
import type { OperationContext } from './operation.js';

describe('phone number lookups', () => {
  let factory: SandboxDriverFactory;
  let context: OperationContext;
  let asked: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    factory = createSandboxDriverFactory({ linkDelayMs: 0 });
    factory.world.linked = true;
    const session = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 1000 } });
    context = { session, config: loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-lookup' }), logger: silentLogger(), events: new EventLog({ capacity: 10 }) };
    await session.waitUntilReady();
    const driver = factory.current!;
    const lookup = driver.lookupNumber.bind(driver);
    asked = vi.fn(lookup);
    driver.lookupNumber = asked as typeof driver.lookupNumber;
  });

  afterEach(() => vi.restoreAllMocks());

  it('reuses a positive answer instead of asking WhatsApp again', async () => {
    expect(await lookupPhoneNumber(context, '15550100001')).toBe('15550100001@c.us');
    expect(await lookupPhoneNumber(context, '15550100001')).toBe('15550100001@c.us');
    expect(asked).toHaveBeenCalledTimes(1);
  });

  it('asks again every time a number was not on WhatsApp, since it may join at any moment', async () => {
    expect(await lookupPhoneNumber(context, '15550000000')).toBeNull();
    expect(await lookupPhoneNumber(context, '15550000000')).toBeNull();
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('forgets an answer after ten minutes', async () => {
    const start = Date.now();
    const now = vi.spyOn(Date, 'now').mockReturnValue(start);
    await lookupPhoneNumber(context, '15550100002');
    now.mockReturnValue(start + 9 * 60_000);
    await lookupPhoneNumber(context, '15550100002');
    expect(asked).toHaveBeenCalledTimes(1);
    now.mockReturnValue(start + 11 * 60_000);
    await lookupPhoneNumber(context, '15550100002');
    expect(asked).toHaveBeenCalledTimes(2);
  });

  it('keeps at most a thousand numbers, dropping the oldest first', async () => {
    const numbers = Array.from({ length: 1001 }, (_, index) => `1555${String(index + 1).padStart(7, '0')}`);
    for (const digits of numbers) await lookupPhoneNumber(context, digits);
    expect(asked).toHaveBeenCalledTimes(1001);
    await lookupPhoneNumber(context, numbers[1]!);
    expect(asked).toHaveBeenCalledTimes(1001);
    await lookupPhoneNumber(context, numbers[0]!);
    expect(asked).toHaveBeenCalledTimes(1002);
  });

  it('keeps one memory per session', async () => {
    await lookupPhoneNumber(context, '15550100001');
    const other = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 1000 } });
    await other.waitUntilReady();
    const otherAsked = vi.spyOn(factory.current!, 'lookupNumber');
    await lookupPhoneNumber({ ...context, session: other }, '15550100001');
    expect(otherAsked).toHaveBeenCalledTimes(1);
  });
});
