import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEEP_ALIVE_MS, keepAlive, sseEvent } from './sse.js';

function fakeResponse(): ServerResponse & { writes: string[] } {
  const writes: string[] = [];
  return { writes, destroyed: false, writableEnded: false, write: (chunk: string) => writes.push(chunk) > 0 } as unknown as ServerResponse & { writes: string[] };
}

describe('SSE answers', () => {
  afterEach(() => vi.useRealTimers());

  it('formats one JSON-RPC message as one message event', () => {
    expect(sseEvent({ jsonrpc: '2.0', id: 1, result: {} })).toBe('event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n');
  });

  it('sends a keep-alive comment to every open stream until it is released, and none to ended ones', () => {
    vi.useFakeTimers();
    const open = fakeResponse();
    const released = fakeResponse();
    const ended = fakeResponse();
    keepAlive(open);
    const release = keepAlive(released);
    keepAlive(ended);
    (ended as { writableEnded: boolean }).writableEnded = true;
    vi.advanceTimersByTime(KEEP_ALIVE_MS);
    expect(open.writes).toEqual([': keepalive\n\n']);
    expect(released.writes).toEqual([': keepalive\n\n']);
    release();
    vi.advanceTimersByTime(KEEP_ALIVE_MS);
    expect(open.writes).toHaveLength(2);
    expect(released.writes).toHaveLength(1);
    expect(ended.writes).toEqual([]);
  });
});
