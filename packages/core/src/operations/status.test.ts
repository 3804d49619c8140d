import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import type { Session, SessionSnapshot } from '../session/index.js';
import { silentLogger } from '../../test/support/silent-logger.js';
import { toStatus } from './mappers.js';
import type { OperationContext } from './operation.js';
import { runOperation } from './run-operation.js';
import { statusOperation } from './status.js';

const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-status' });

const READY: SessionSnapshot = {
  state: 'ready',
  lastError: null,
  account: { wid: '15551234567@c.us', pushname: 'Me', platform: 'android' },
  qr: null,
  pairingCode: null,
  since: 1_764_000_000_000,
  recovery: { attempt: 0, nextRetryAt: null },
};

/** A session whose snapshot the test sets; like Session.snapshot(), every call returns fresh copies. */
function fakeSession(initial: SessionSnapshot): { session: Session; set(next: SessionSnapshot): void } {
  let current = initial;
  const session = { snapshot: () => structuredClone(current) } as unknown as Session;
  return { session, set: (next) => (current = next) };
}

const contextOf = (session: Session, gatewayConfig = config): OperationContext => ({ session, config: gatewayConfig, logger: silentLogger() }) as OperationContext;

describe('the status operation', () => {
  it('follows every change of the session snapshot, however small', async () => {
    const { session, set } = fakeSession(READY);
    const context = contextOf(session);
    const snapshots: SessionSnapshot[] = [
      READY,
      { ...READY, since: READY.since + 1 },
      { ...READY, lastError: 'the browser closed' },
      { ...READY, lastError: 'the browser closed again' },
      { ...READY, account: { wid: '15551234567@c.us', pushname: 'Me, renamed', platform: 'android' } },
      { ...READY, account: null },
      { ...READY, state: 'qr', qr: '2@abc', account: null },
      { ...READY, state: 'qr', qr: '2@abc', pairingCode: { code: 'ABCD1234', phoneNumber: '15551234567', issuedAt: 1 }, account: null },
      { ...READY, state: 'disconnected', recovery: { attempt: 1, nextRetryAt: READY.since + 5000 } },
      { ...READY, state: 'disconnected', recovery: { attempt: 2, nextRetryAt: READY.since + 9000 } },
      { ...READY, state: 'disconnected', recovery: { attempt: 2, nextRetryAt: null } },
      READY,
    ];
    for (const snapshot of snapshots) {
      set(snapshot);
      expect(await runOperation(statusOperation, context, {})).toEqual(toStatus(snapshot, config));
      // Asked again without a change: the same answer.
      expect(await runOperation(statusOperation, context, {})).toEqual(toStatus(snapshot, config));
    }
  });

  it('answers each session and each config with its own status', async () => {
    const first = fakeSession(READY);
    const second = fakeSession({ ...READY, state: 'stopped', account: null });
    const other = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-status-other' });
    expect((await runOperation(statusOperation, contextOf(first.session), {})).state).toBe('ready');
    expect((await runOperation(statusOperation, contextOf(second.session), {})).state).toBe('stopped');
    expect((await runOperation(statusOperation, contextOf(first.session), {})).state).toBe('ready');
    expect((await runOperation(statusOperation, contextOf(first.session, other), {})).auth_dir).toBe(other.authDir);
  });

  it('answers one frozen object while the session is unchanged, and a new one after a change', async () => {
    const { session, set } = fakeSession(READY);
    const context = contextOf(session);
    const first = await runOperation(statusOperation, context, {});
    expect(await runOperation(statusOperation, context, {})).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.account)).toBe(true);
    expect(() => {
      (first as { state: string }).state = 'stopped';
    }).toThrow(TypeError);
    set({ ...READY, lastError: 'changed' });
    const second = await runOperation(statusOperation, context, {});
    expect(second).not.toBe(first);
    expect(second.last_error).toBe('changed');
    expect(first).toEqual(toStatus(READY, config));
  });
});
