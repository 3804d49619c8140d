import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from './mcp/gateway-harness.js';

async function openSocket(base: string, send?: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  if (send) socket.write(send);
  return socket;
}

/** Everything the server wrote on a socket, once it closed. */
function received(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString()));
  return new Promise((resolve) => socket.once('close', () => resolve(text)));
}

describe('shutdown with connections that carry no request', () => {
  let running: RunningGateway | undefined;
  afterEach(async () => {
    await running?.close().catch(() => undefined);
    running = undefined;
  });

  it('closes at once despite an unused connection and a stalled half request, and finishes the request in flight', async () => {
    running = await startGateway();
    const unused = await openSocket(running.base);
    const stalled = await openSocket(running.base, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // A long poll in flight: shutdown releases it with an answer, not a reset.
    const polling = await openSocket(running.base, 'GET /api/updates?cursor=0&wait_seconds=20 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const answers = [received(unused), received(stalled), received(polling)];
    await new Promise((resolve) => setTimeout(resolve, 200));

    const started = Date.now();
    await running.close();
    const elapsed = Date.now() - started;
    running = undefined;

    const [unusedText, stalledText, pollingText] = await Promise.all(answers);
    expect(elapsed).toBeLessThan(2000);
    expect(unusedText).toBe('');
    expect(stalledText).toBe('');
    expect(pollingText).toMatch(/^HTTP\/1\.1 (200|503) /);
  });
});
