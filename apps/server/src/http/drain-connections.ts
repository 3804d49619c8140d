import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** How often, while the gateway closes, connections without a request are looked for again. */
const SWEEP_EVERY_MS = 100;

/**
 * Node's `server.close()` ends idle keep-alive connections but waits for every other one, and a
 * connection that was opened and never used, or holds half a request (a stalled or hostile
 * client), is not idle: shutdown then waited for the forced exit (exit code 1). While the gateway
 * closes, connections with no request in flight are destroyed, at once and every 100 ms until the
 * server has closed (preClose hooks can take seconds, and new connections arrive meanwhile);
 * connections with a request in flight finish it first.
 */
export function drainConnectionsOnClose(app: FastifyInstance): void {
  const requestsInFlight = new Map<Socket, number>();
  app.server.on('connection', (socket: Socket) => {
    requestsInFlight.set(socket, 0);
    socket.once('close', () => requestsInFlight.delete(socket));
  });
  app.server.on('request', (request, response) => {
    const socket = request.socket;
    requestsInFlight.set(socket, (requestsInFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (requestsInFlight.get(socket) ?? 1) - 1;
      if (requestsInFlight.has(socket)) requestsInFlight.set(socket, left);
    });
  });
  const sweep = (): void => {
    for (const [socket, inFlight] of requestsInFlight) if (inFlight === 0) socket.destroy();
  };
  app.addHook('preClose', (done) => {
    sweep();
    const timer = setInterval(sweep, SWEEP_EVERY_MS);
    timer.unref();
    app.server.once('close', () => clearInterval(timer));
    done();
  });
}
