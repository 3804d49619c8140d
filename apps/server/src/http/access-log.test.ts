import Fastify, { type FastifyBaseLogger } from 'fastify';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { AccessLog, pathOf } from './access-log.js';
import { lazyRequestLogger } from './request-logger.js';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  method?: string;
  url?: string;
  status?: number;
  ms?: number;
  remoteAddress?: string;
  [key: string]: unknown;
}

async function gatewayLike(level: 'warn' | 'info' | 'debug') {
  const lines: Line[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  const logger = createLogger({ level, pretty: false, destination });
  const childOf = vi.spyOn(logger, 'child');
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, logController: new AccessLog(logger), childLoggerFactory: lazyRequestLogger });
  app.get('/quiet', async () => ({ ok: true }));
  app.get('/chatty', async (request) => {
    request.log.info({ token: 'a-secret-token' }, 'handler says hello');
    return { ok: true };
  });
  app.get('/whispers', async (request) => {
    request.log.debug('only at debug');
    return { ok: true };
  });
  app.get('/fails', async () => {
    throw new Error('broken');
  });
  app.get('/hijacked', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(202, { 'content-type': 'text/plain' });
    reply.raw.end('taken over');
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  childOf.mockClear();
  return { app, base, lines, childOf };
}

describe('the access log', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('writes one line per request when the answer went out: method, path without the query, status, duration, address', async () => {
    const gateway = await gatewayLike('info');
    close = () => gateway.app.close();
    expect((await fetch(`${gateway.base}/quiet?phone_number=15551234567`)).status).toBe(200);
    expect((await fetch(`${gateway.base}/hijacked`)).status).toBe(202);
    const requests = gateway.lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ level: 30, method: 'GET', url: '/quiet', status: 200, remoteAddress: '127.0.0.1' });
    expect(requests[0]?.reqId).toMatch(/^req-/);
    expect(requests[0]?.ms).toBeGreaterThanOrEqual(0);
    expect(requests[1]).toMatchObject({ url: '/hijacked', status: 202 });
    expect(JSON.stringify(gateway.lines)).not.toContain('15551234567');
    expect(gateway.lines.some((line) => line.msg === 'incoming request' || line.msg === 'request completed')).toBe(false);
  });

  it('writes no access line below info, and still logs failures', async () => {
    const gateway = await gatewayLike('warn');
    close = () => gateway.app.close();
    expect((await fetch(`${gateway.base}/quiet`)).status).toBe(200);
    expect((await fetch(`${gateway.base}/fails`)).status).toBe(500);
    await gateway.app.close();
    expect(gateway.lines.filter((line) => line.msg === 'request')).toEqual([]);
    expect(gateway.lines.some((line) => line.level >= 40 && line.reqId !== undefined)).toBe(true);
  });

  it('builds a request logger only for requests that log through it, with the request id of their access line', async () => {
    const gateway = await gatewayLike('info');
    close = () => gateway.app.close();
    await fetch(`${gateway.base}/quiet`);
    await fetch(`${gateway.base}/whispers`);
    expect(gateway.childOf).not.toHaveBeenCalled();
    await fetch(`${gateway.base}/chatty`);
    expect(gateway.childOf).toHaveBeenCalledTimes(1);
    const hello = gateway.lines.find((line) => line.msg === 'handler says hello');
    const access = gateway.lines.filter((line) => line.msg === 'request').at(-1);
    expect(hello?.reqId).toBe(access?.reqId);
    // Lines written through the request logger keep the logger's redaction.
    expect(hello?.['token']).toBe('[redacted]');
  });

  it('logs a failed request with its error through the request logger, and the incoming line at debug', async () => {
    const gateway = await gatewayLike('debug');
    close = () => gateway.app.close();
    expect((await fetch(`${gateway.base}/fails?chat_id=15551234567`)).status).toBe(500);
    const incoming = gateway.lines.find((line) => line.msg === 'incoming request');
    expect(incoming).toMatchObject({ level: 20, method: 'GET', url: '/fails' });
    expect(gateway.lines.find((line) => line.msg === 'request')).toMatchObject({ url: '/fails', status: 500 });
    const failed = gateway.lines.filter((line) => line.level >= 50);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((line) => line.reqId === incoming?.reqId)).toBe(true);
  });
});

describe('pathOf', () => {
  it('drops the query string', () => {
    expect(pathOf('/api/messages?chat_id=1&limit=2')).toBe('/api/messages');
    expect(pathOf('/api/status')).toBe('/api/status');
    expect(pathOf('/?')).toBe('/');
  });
});
