import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { allowListedOrigins, answerPreflights } from './cors.js';

const LISTED = 'https://dashboard.example.com';

async function appWithCors(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  allowListedOrigins(app, [`${LISTED}/`]);
  await answerPreflights(app, [`${LISTED}/`]);
  app.get('/api/status', async () => ({ ok: true }));
  app.post('/api/send', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('CORS for listed origins', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('echoes a listed origin (any case) with the exposed headers on actual requests, and only Vary to others', async () => {
    app = await appWithCors();
    const listed = await app.inject({ method: 'GET', url: '/api/status', headers: { origin: LISTED.toUpperCase() } });
    expect(listed.headers['access-control-allow-origin']).toBe(LISTED.toUpperCase());
    expect(listed.headers['access-control-expose-headers']).toBe('mcp-session-id, mcp-protocol-version, retry-after, www-authenticate');
    expect(listed.headers['vary']).toBe('Origin');
    expect(listed.headers['access-control-allow-credentials']).toBeUndefined();
    for (const headers of [{ origin: 'https://evil.example.com' }, {}]) {
      const other = await app.inject({ method: 'POST', url: '/api/send', headers, payload: {} });
      expect(other.statusCode).toBe(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      expect(other.headers['access-control-expose-headers']).toBeUndefined();
      expect(other.headers['vary']).toBe('Origin');
    }
  });

  it('answers preflights of a listed origin with the allowed methods and headers, never *', async () => {
    app = await appWithCors();
    const preflight = await app.inject({ method: 'OPTIONS', url: '/api/send', headers: { origin: LISTED, 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(LISTED);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, DELETE');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type, mcp-session-id, mcp-protocol-version, last-event-id, prefer');
    expect(preflight.headers['access-control-max-age']).toBe('600');
    expect(preflight.headers['vary']).toMatch(/Origin/);
  });

  it('refuses preflights of other origins and incomplete ones', async () => {
    app = await appWithCors();
    const other = await app.inject({ method: 'OPTIONS', url: '/api/send', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } });
    expect(other.statusCode).toBeGreaterThanOrEqual(400);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const incomplete = await app.inject({ method: 'OPTIONS', url: '/api/send', headers: { origin: LISTED } });
    expect(incomplete.statusCode).toBe(400);
  });
});
