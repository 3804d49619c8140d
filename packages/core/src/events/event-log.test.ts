import { describe, expect, it } from 'vitest';
import { EventLog } from './event-log.js';

function log(capacity = 10, start = 1_000_000) {
  let now = start;
  const events = new EventLog({ capacity, now: () => now });
  return { events, tick: () => (now += 1) };
}

describe('EventLog', () => {
  it('gives each event a strictly increasing decimal id, and later runs larger ids', () => {
    const { events } = log();
    const a = events.append('session.qr', null, {})!;
    const b = events.append('session.qr', null, {})!;
    expect(Number(b.id)).toBe(Number(a.id) + 1);
    const later = new EventLog({ capacity: 10, now: () => 1_000_001 });
    expect(Number(later.append('session.qr', null, {})!.id)).toBeGreaterThan(Number(b.id));
  });

  it('returns events after a cursor, oldest first, filtered, and a cursor to continue', () => {
    const { events } = log();
    const start = events.cursor;
    events.append('message.received', 'a@c.us', { n: 1 });
    events.append('message.ack', 'a@c.us', { n: 2 });
    events.append('message.received', 'b@c.us', { n: 3 });
    const all = events.since(start);
    expect(all.events.map((e) => e.data['n'])).toEqual([1, 2, 3]);
    expect(all.cursor).toBe(events.cursor);
    const received = events.since(start, { types: new Set(['message.received']) });
    expect(received.events.map((e) => e.data['n'])).toEqual([1, 3]);
    expect(events.since(start, { chatId: 'b@c.us' }).events.map((e) => e.data['n'])).toEqual([3]);
    const firstPage = events.since(start, {}, 2);
    expect(firstPage.events.map((e) => e.data['n'])).toEqual([1, 2]);
    expect(events.since(firstPage.cursor, {}, 2).events.map((e) => e.data['n'])).toEqual([3]);
  });

  it('without a cursor returns the latest events', () => {
    const { events } = log();
    for (let n = 1; n <= 5; n += 1) events.append('session.qr', null, { n });
    expect(events.since(undefined, {}, 2).events.map((e) => e.data['n'])).toEqual([4, 5]);
  });

  it('keeps a bounded buffer and reports a gap to a client whose cursor fell out of it', () => {
    const { events } = log(3);
    const start = events.cursor;
    for (let n = 1; n <= 5; n += 1) events.append('session.qr', null, { n });
    const page = events.since(start);
    expect(page.gap).toBe(true);
    expect(page.events.map((e) => e.data['n'])).toEqual([3, 4, 5]);
    expect(events.since(page.cursor).gap).toBe(false);
    expect(events.since('12').gap).toBe(true);
  });

  it('drops repeated events by their dedupe key', () => {
    const { events } = log();
    expect(events.append('message.received', 'a@c.us', {}, 'received:1')).not.toBeNull();
    expect(events.append('message.received', 'a@c.us', {}, 'received:1')).toBeNull();
    expect(events.since(undefined).events).toHaveLength(1);
  });

  it('waits for the first matching event, gives up after the timeout, and ends when aborted', async () => {
    const { events } = log();
    const cursor = events.cursor;
    const waiting = events.wait(cursor, { types: new Set(['message.received']) }, 10, 2000);
    events.append('message.ack', 'a@c.us', {});
    setTimeout(() => events.append('message.received', 'a@c.us', { hello: true }), 10);
    const page = await waiting;
    expect(page.events.map((e) => e.type)).toEqual(['message.received']);

    const started = Date.now();
    expect((await events.wait(events.cursor, {}, 10, 50)).events).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);

    const controller = new AbortController();
    const aborted = events.wait(events.cursor, {}, 10, 60_000, controller.signal);
    controller.abort();
    expect((await aborted).events).toEqual([]);
  });
});
