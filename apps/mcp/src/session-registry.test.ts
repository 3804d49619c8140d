import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { SessionRegistry } from './session-registry.js';

function fakeEntry(id: string) {
  const closed = { transport: 0, server: 0 };
  return {
    closed,
    entry: {
      id,
      transport: { close: vi.fn(async () => void (closed.transport += 1)) },
      server: { close: vi.fn(async () => void (closed.server += 1)) },
    } as never,
  };
}

describe('SessionRegistry', () => {
  const logger = pino({ level: 'silent' });

  it('closes sessions idle past the limit and keeps busy ones however old', async () => {
    let now = 0;
    const registry = new SessionRegistry({ idleMs: 1000, maxSessions: 10, sweepEveryMs: 60_000, logger, now: () => now });
    const idle = fakeEntry('idle');
    const busy = fakeEntry('busy');
    registry.add(idle.entry);
    const release = registry.use(registry.add(busy.entry));
    now = 5000;
    expect(await registry.sweep()).toBe(1);
    expect(idle.closed).toEqual({ transport: 1, server: 1 });
    expect(registry.get('busy')).toBeDefined();
    release();
    now = 5500;
    expect(await registry.sweep()).toBe(0);
    now = 6001;
    expect(await registry.sweep()).toBe(1);
    expect(registry.size).toBe(0);
    await registry.closeAll();
  });

  it('makes room at once by evicting the least recently used idle session, and refuses when all are busy', async () => {
    let now = 0;
    const registry = new SessionRegistry({ idleMs: 60_000, maxSessions: 2, sweepEveryMs: 60_000, logger, now: () => now });
    const a = fakeEntry('a');
    registry.add(a.entry);
    now = 10;
    const b = registry.add(fakeEntry('b').entry);
    expect(registry.admit()).toBe(true);
    // Forgotten before admit returns: the next initialize already sees the room taken.
    expect(registry.get('a')).toBeUndefined();
    expect(registry.size).toBe(1);
    await vi.waitFor(() => expect(a.closed).toEqual({ transport: 1, server: 1 }));
    registry.use(b);
    registry.use(registry.add(fakeEntry('c').entry));
    expect(registry.admit()).toBe(false);
    expect(registry.size).toBe(2);
    await registry.closeAll();
  });

  it('sweeps sessions idle past the limit before evicting a recent one', async () => {
    let now = 0;
    const registry = new SessionRegistry({ idleMs: 1000, maxSessions: 2, sweepEveryMs: 60_000, logger, now: () => now });
    registry.add(fakeEntry('old').entry);
    now = 1500;
    registry.add(fakeEntry('recent').entry);
    now = 1600;
    expect(registry.admit()).toBe(true);
    expect(registry.get('old')).toBeUndefined();
    expect(registry.get('recent')).toBeDefined();
    await registry.closeAll();
  });

  it('counts a release once even when called twice', () => {
    const registry = new SessionRegistry({ idleMs: 1000, maxSessions: 2, sweepEveryMs: 60_000, logger });
    const entry = registry.add(fakeEntry('x').entry);
    const release = registry.use(entry);
    release();
    release();
    expect(entry.open).toBe(0);
    void registry.closeAll();
  });
});
