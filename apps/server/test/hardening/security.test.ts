import { afterEach, describe, expect, it } from 'vitest';
import { errorShapeProblems } from './answer-checks.js';
import { TEST_TOKEN, revealsSecret, startHardenedGateway, type HardenedGateway, type HardenedGatewayOptions } from './hardening-gateway.js';
import { send, sseData, type WireRequest, type WireResponse } from './wire.js';

/**
 * What a hostile web page, a DNS-rebinding attacker and a client without the token can do: nothing
 * but be refused, with nothing secret in any answer or log line.
 */
const LISTED_ORIGIN = 'https://dashboard.example.com';
const EVIL_ORIGIN = 'https://evil.example';
const JSON_TYPE = { 'content-type': 'application/json' };
const PING = '{"jsonrpc":"2.0","id":1,"method":"ping"}';
const SEND = '{"phone_number":"15551234567","message":"hi"}';

/** Every route of the gateway, with a body where it takes one. */
const ROUTES: ReadonlyArray<WireRequest> = [
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/api/status' },
  { method: 'POST', path: '/api/auth/start', headers: JSON_TYPE, body: '{}' },
  { method: 'POST', path: '/api/pairing-code', headers: JSON_TYPE, body: '{"phone_number":"15551234567"}' },
  { method: 'POST', path: '/api/send', headers: JSON_TYPE, body: SEND },
  { method: 'GET', path: '/api/chats?limit=5' },
  { method: 'GET', path: '/api/messages?phone_number=15550100002' },
  { method: 'POST', path: '/api/messages', headers: JSON_TYPE, body: '{"phone_number":"15550100002"}' },
  { method: 'POST', path: '/api/logout', headers: JSON_TYPE, body: '{}' },
  { method: 'GET', path: '/qr' },
  { method: 'GET', path: '/qr.png' },
  { method: 'GET', path: '/api/qr' },
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs' },
  { method: 'GET', path: '/docs/json' },
  { method: 'GET', path: '/docs/static/swagger-ui.css' },
  { method: 'POST', path: '/mcp', headers: JSON_TYPE, body: PING },
  { method: 'POST', path: '/mcp', headers: { ...JSON_TYPE, accept: 'application/json, text/event-stream' }, body: PING },
  { method: 'GET', path: '/mcp', headers: { accept: 'text/event-stream' } },
  { method: 'DELETE', path: '/mcp' },
  { method: 'GET', path: '/no-such-route' },
  { method: 'PUT', path: '/api/status', headers: JSON_TYPE, body: '{}' },
];
const label = (request: WireRequest) => `${request.method} ${request.path}`;
const json = (response: WireResponse) => JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('security', () => {
  let gateway: HardenedGateway | null = null;
  /** Every answer of the test, checked for the security headers and for the token afterwards. */
  let answers: Array<[string, WireResponse]> = [];

  async function start(options: HardenedGatewayOptions = {}): Promise<HardenedGateway> {
    gateway = await startHardenedGateway({ ...options, env: { WHATSAPP_ALLOWED_ORIGINS: LISTED_ORIGIN, ...options.env } });
    return gateway;
  }
  async function call(request: WireRequest, headers: Record<string, string> = {}): Promise<WireResponse> {
    const responses = await send(gateway!.port, request, headers);
    for (const response of responses) answers.push([`${label(request)} ${JSON.stringify(headers).slice(0, 80)}`, response]);
    expect(responses, label(request)).toHaveLength(1);
    return responses[0]!;
  }

  afterEach(async () => {
    // Every answer, refusals included, carries the security headers and never `*` for CORS.
    for (const [name, response] of answers) {
      expect(response.headers['x-content-type-options'], name).toBe('nosniff');
      expect(response.headers['cache-control'], name).toMatch(/(^|,)\s*no-store\s*(,|$)/);
      expect(response.headers['access-control-allow-origin'], name).not.toBe('*');
      expect(revealsSecret(JSON.stringify(response.headers) + response.body.toString('latin1'), TEST_TOKEN), name).toBe(false);
    }
    answers = [];
    await gateway?.close();
    gateway = null;
  });

  describe('against a hostile web page', () => {
    it('refuses a foreign Origin with 403 and no CORS header on REST, /qr and /mcp', async () => {
      await start();
      for (const request of ROUTES) {
        const response = await call(request, { origin: EVIL_ORIGIN });
        expect(response.status, label(request)).toBe(403);
        expect(json(response), label(request)).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
        expect(response.headers['access-control-allow-origin'], label(request)).toBeUndefined();
      }
      for (const origin of ['null', 'https://dashboard.example.com.evil.example', 'http://127.0.0.1.evil.example', 'not a url']) {
        expect((await call({ method: 'GET', path: '/api/status' }, { origin })).status, origin).toBe(403);
      }
      expect(gateway!.factory.current, 'no browser was started').toBeNull();
    });

    it('echoes exactly a listed origin to a CORS preflight, never *, and no origin to others', async () => {
      await start();
      const preflight = (origin: string, path = '/api/send') =>
        call({ method: 'OPTIONS', path }, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' });
      for (const path of ['/api/send', '/mcp', '/api/status']) {
        const allowed = await preflight(LISTED_ORIGIN, path);
        expect(allowed.status, path).toBeLessThan(300);
        expect(allowed.headers['access-control-allow-origin'], path).toBe(LISTED_ORIGIN);
        expect(allowed.headers['vary'], path).toMatch(/origin/i);
        expect(allowed.headers['access-control-allow-methods'], path).not.toContain('*');
        expect(allowed.headers['access-control-allow-credentials'], path).toBeUndefined();
      }
      for (const origin of [EVIL_ORIGIN, 'https://dashboard.example.com:8443', 'http://dashboard.example.com', 'http://localhost:3000']) {
        const refused = await preflight(origin);
        expect(refused.headers['access-control-allow-origin'], origin).toBeUndefined();
        expect(refused.status, origin).toBeGreaterThanOrEqual(400);
      }
      const simple = await call({ method: 'GET', path: '/api/status' }, { origin: LISTED_ORIGIN });
      expect(simple.status).toBe(200);
      expect(simple.headers['access-control-allow-origin']).toBe(LISTED_ORIGIN);
    });

    it('refuses DNS-rebinding Host headers with 403 on REST, /qr and /mcp', async () => {
      await start();
      const hosts = ['evil.example', 'evil.example:8790', '127.0.0.1.evil.example', 'localhost.evil.example', 'localhost@evil.example', '[::2]:8790'];
      for (const request of ROUTES) {
        for (const host of hosts) {
          const response = await call(request, { host });
          expect(response.status, `${label(request)} Host ${host}`).toBe(403);
          expect(json(response)).toMatchObject({ ok: false, error: { code: 'forbidden_host' } });
        }
      }
      for (const path of ['/api/status', '/qr', '/mcp']) {
        const method = path === '/mcp' ? 'POST' : 'GET';
        const body = path === '/mcp' ? PING : '';
        const head = `${method} ${path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n`;
        for (const [name, bytes] of [['empty Host', `${head}Host: \r\n\r\n${body}`], ['no Host', `${head}\r\n${body}`], ['blank Host', `${head}Host:    \r\n\r\n${body}`]]) {
          const response = await call({ method, path, raw: bytes });
          expect(response.status, `${path} ${name}`).toBe(403);
          expect(json(response), `${path} ${name}`).toMatchObject({ ok: false, error: { code: 'forbidden_host' } });
        }
      }
      expect(gateway!.factory.current, 'no browser was started').toBeNull();
    });

    it('refuses the no-preflight simple requests (text/plain, forms) with 415 and starts no browser', async () => {
      await start();
      const types = ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b'];
      for (const path of ['/api/send', '/api/logout', '/api/auth/start', '/api/pairing-code', '/mcp']) {
        const body = path === '/mcp' ? PING : SEND;
        for (const type of types) {
          const response = await call({ method: 'POST', path, headers: { 'content-type': type }, body: type.startsWith('multipart') ? `--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${body}\r\n--b--\r\n` : body });
          expect(response.status, `${path} ${type}`).toBe(415);
          expect(errorShapeProblems(json(response)), `${path} ${type}`).toEqual([]);
          expect(json(response)).toMatchObject({ error: { code: 'unsupported_media_type' } });
        }
        // The same from a page: its Origin alone is refused first.
        expect((await call({ method: 'POST', path, headers: { 'content-type': 'text/plain' }, body }, { origin: EVIL_ORIGIN })).status).toBe(403);
      }
      expect(gateway!.factory.current, 'no browser was started').toBeNull();
      expect(gateway!.session.state).toBe('stopped');
    });

    it('sends the security headers on every answer and a strict CSP on /qr', async () => {
      await start();
      for (const request of ROUTES) await call(request);
      for (const state of ['stopped', 'qr']) {
        if (state === 'qr') await gateway!.session.start();
        const page = await call({ method: 'GET', path: '/qr' });
        expect(page.status).toBe(200);
        expect(page.headers['content-security-policy']).toMatch(/(^|;)\s*default-src 'none'\s*(;|$)/);
        expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        expect(page.headers['x-frame-options']).toBe('DENY');
      }
      expect(answers.length).toBeGreaterThan(ROUTES.length);
    });
  });

  describe('with a token set', () => {
    const withToken = () => start({ env: { WHATSAPP_API_TOKEN: TEST_TOKEN } });

    it('answers nothing but GET /livez without the token: 401 with a challenge (Basic on /qr and /docs)', async () => {
      await withToken();
      expect((await call({ method: 'GET', path: '/livez' })).status).toBe(200);
      for (const request of [...ROUTES, { method: 'GET', path: '/qr?refresh=1' }, { method: 'GET', path: '/docs/' }, { method: 'HEAD', path: '/api/status' }]) {
        const response = await call(request);
        expect(response.status, label(request)).toBe(401);
        const browserPage = /^\/(qr|docs)(\/|\?|$)/.test(request.path);
        expect(response.headers['www-authenticate'], label(request)).toMatch(browserPage ? /^Basic realm=/ : /^Bearer realm=/);
        if (request.method !== 'HEAD') expect(json(response), label(request)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      }
      expect(gateway!.factory.current, 'no browser was started').toBeNull();
    });

    it('refuses wrong tokens of the same and of other lengths', async () => {
      await withToken();
      const sameLength = `${TEST_TOKEN.slice(0, -1)}${TEST_TOKEN.endsWith('x') ? 'y' : 'x'}`;
      const wrong = [sameLength, TEST_TOKEN.slice(0, -1), `${TEST_TOKEN}x`, TEST_TOKEN.slice(0, 16), TEST_TOKEN.toUpperCase(), 'a', `${TEST_TOKEN}${TEST_TOKEN}`];
      const authorizations = [
        ...wrong.map((token) => `Bearer ${token}`),
        ...wrong.map((token) => basic('user', token)),
        basic(TEST_TOKEN, ''),
        basic(TEST_TOKEN, 'x'),
        'Bearer',
        'Bearer ',
        '',
        TEST_TOKEN,
        `Token ${TEST_TOKEN}`,
        `Bearer ${TEST_TOKEN} ${TEST_TOKEN}`,
        `Bearer ${sameLength}, Bearer ${TEST_TOKEN}`,
        `Basic ${TEST_TOKEN}`,
      ];
      for (const path of ['/api/status', '/qr', '/mcp']) {
        const request: WireRequest = path === '/mcp' ? { method: 'POST', path, headers: JSON_TYPE, body: PING } : { method: 'GET', path };
        for (const authorization of authorizations) expect((await call(request, { authorization })).status, `${path} ${authorization}`).toBe(401);
        expect((await call({ ...request, path: `${path}?token=${TEST_TOKEN}` })).status).toBe(401);
        expect((await call(request, { cookie: `token=${TEST_TOKEN}` })).status).toBe(401);
      }
    });

    it('accepts the right token as Bearer and as the Basic password', async () => {
      await withToken();
      for (const authorization of [`Bearer ${TEST_TOKEN}`, `bearer ${TEST_TOKEN}`, basic('anyone', TEST_TOKEN), basic('', TEST_TOKEN)]) {
        for (const path of ['/api/status', '/qr', '/docs', '/openapi.json', '/api/qr']) expect((await call({ method: 'GET', path }, { authorization })).status, `${path} ${authorization}`).toBe(200);
        const mcp = await call({ method: 'POST', path: '/mcp', headers: JSON_TYPE, body: PING }, { authorization });
        expect(mcp.status).toBe(200);
        expect(json(mcp)).toMatchObject({ jsonrpc: '2.0', id: 1, result: {} });
      }
      for (const request of ROUTES) expect((await call(request, { authorization: `Bearer ${TEST_TOKEN}` })).status, label(request)).not.toBe(401);
    });

    it('keeps the token, the QR and the pairing code out of every log line, even at trace level', async () => {
      await start({ env: { WHATSAPP_API_TOKEN: TEST_TOKEN }, logLevel: 'trace' });
      const auth = { authorization: `Bearer ${TEST_TOKEN}` };
      expect((await call({ method: 'POST', path: '/api/auth/start', headers: JSON_TYPE, body: '{}' }, auth)).status).toBe(200);
      const qrInfo = json(await call({ method: 'GET', path: '/api/qr' }, auth));
      const qr = qrInfo['qr'] as string;
      expect(qr).toMatch(/^2@/);
      const pairing = json(await call({ method: 'POST', path: '/api/pairing-code', headers: JSON_TYPE, body: '{"phone_number":"15551234567"}' }, auth));
      const code = pairing['code'] as string;
      expect(code).toMatch(/^[A-Z0-9]{8}$/);
      // The same secrets through MCP, in plain JSON and over SSE.
      const tool = '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"whatsapp_pairing_code","arguments":{"phone_number":"15551234567"}}}';
      expect((await call({ method: 'POST', path: '/mcp', headers: JSON_TYPE, body: tool }, auth)).body.toString()).toContain(code);
      const sse = await call({ method: 'POST', path: '/mcp', headers: { ...JSON_TYPE, accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}' }, auth);
      const sessionId = sse.headers['mcp-session-id']!;
      const inSession = await call({ method: 'POST', path: '/mcp', headers: { ...JSON_TYPE, accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' }, body: tool }, { ...auth, 'mcp-session-id': sessionId });
      expect(sseData(inSession.body.toString()).join('\n')).toContain(code);
      // Refusals and requests Node's parser rejects, each carrying the token, a wrong one, or a Basic header.
      await call({ method: 'GET', path: '/api/status' }, { authorization: `Bearer ${TEST_TOKEN.slice(0, -1)}` });
      await call({ method: 'GET', path: '/qr' }, { authorization: basic('me', TEST_TOKEN) });
      await call({ method: 'GET', path: '/api/status' }, { ...auth, origin: EVIL_ORIGIN });
      await call({ method: 'POST', path: '/api/send', headers: JSON_TYPE, body: '{"phone_number":' }, auth);
      for (const junk of ['X-Junk: a\x01b\r\n', `X-Big: ${'h'.repeat(20_000)}\r\n`, 'Content-Length: abc\r\n', 'Bad Header\r\n']) {
        await call({ method: 'RAW', path: '/api/status', raw: `GET /api/status HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n${junk}Connection: close\r\n\r\n` });
      }
      const logs = gateway!.logs;
      for (const [name, secret] of [['token', TEST_TOKEN], ['QR', qr], ['pairing code', code]] as const) {
        expect(logs.filter((line) => revealsSecret(line, secret)).map((line) => line.slice(0, 300)), name).toEqual([]);
      }
      // The logger did write in detail (the check above is not vacuous).
      expect(gateway!.app.log.level).toBe('trace');
      expect(logs.length).toBeGreaterThan(20);
      expect(logs.filter((line) => /"level":(10|20),/.test(line)).length, 'debug and trace lines').toBeGreaterThan(3);
      // Redaction hides secrets, not the reason a request was refused.
      expect(logs.some((line) => line.includes('"invalid_json"')), 'the refused broken JSON is logged with its error code').toBe(true);
      // And none of the answers but the ones meant to carry them repeat the secrets.
      const leaking = answers.filter(([, r]) => revealsSecret(JSON.stringify(r.headers), qr) || revealsSecret(JSON.stringify(r.headers), code));
      expect(leaking.map(([name]) => name)).toEqual([]);
    });
  });
});
