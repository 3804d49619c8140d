import { afterEach, describe, expect, it } from 'vitest';
import { runHostileSuite, type RunSummary } from './bad-input-runner.js';
import { TEST_TOKEN, revealsSecret, startHardenedGateway, type HardenedGateway } from './hardening-gateway.js';
import { errorShapeProblems } from './answer-checks.js';
import { generateHostileCases } from './hostile-requests.js';
import { send } from './wire.js';

/**
 * The generated bad-input suite: every REST route and every MCP method gets malformed and hostile
 * requests over the real socket. Every answer must be a documented one (no 5xx but the documented
 * not-linked 503, the one error shape, valid JSON-RPC on /mcp), and the same gateway must still
 * answer /livez after each of them, with Object.prototype untouched.
 */
const CASES = generateHostileCases();
const MINIMUM_REQUESTS = 600;

const REST_ROUTES = ['/', '/health', '/livez', '/api/status', '/api/auth/start', '/api/pairing-code', '/api/send', '/api/chats', '/api/messages', '/api/logout', '/qr', '/qr.png', '/api/qr', '/openapi.json', '/docs'];
const MCP_METHODS = ['initialize', 'notifications/initialized', 'tools/list', 'tools/call', 'resources/list', 'resources/templates/list', 'resources/read', 'resources/subscribe', 'resources/unsubscribe', 'prompts/list', 'prompts/get', 'logging/setLevel', 'ping', 'tools/unknown'];
const TOOLS = ['whatsapp_status', 'whatsapp_start_auth', 'whatsapp_pairing_code', 'whatsapp_send_message', 'whatsapp_list_chats', 'whatsapp_read_messages', 'whatsapp_logout'];

function report(label: string, summary: RunSummary): void {
  const statuses = Object.entries(summary.byStatus).map(([status, count]) => `${status}×${count}`).join(' ');
  console.log(`bad-input [${label}]: ${summary.requests} hostile requests (statuses ${statuses}; relinked ${summary.relinks} times); slowest: ${summary.slowest.join(', ')}`);
}

describe('the generated hostile requests', () => {
  it('are deterministic and cover every REST route, every MCP method and every tool', () => {
    const again = generateHostileCases();
    expect(again.map((c) => c.name)).toEqual(CASES.map((c) => c.name));
    expect(again.map((c) => String(c.request.body ?? c.request.raw ?? ''))).toEqual(CASES.map((c) => String(c.request.body ?? c.request.raw ?? '')));
    expect(CASES.length).toBeGreaterThanOrEqual(MINIMUM_REQUESTS);
    const paths = new Set(CASES.map((c) => c.request.path.split('?')[0]));
    for (const route of REST_ROUTES) expect(paths, route).toContain(route);
    const bodies = CASES.filter((c) => c.request.path === '/mcp').map((c) => String(c.request.body ?? ''));
    for (const method of MCP_METHODS) expect(bodies.some((body) => body.includes(`"method":"${method}"`)), method).toBe(true);
    for (const tool of TOOLS) expect(bodies.filter((body) => body.includes(`"name":"${tool}"`)).length, tool).toBeGreaterThan(5);
  });
});

describe('bad input over the real socket', () => {
  let gateway: HardenedGateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('gets only documented answers while the session is not linked', { timeout: 60_000 }, async () => {
    gateway = await startHardenedGateway();
    const summary = await runHostileSuite(gateway, CASES, { linked: false });
    report('not linked', summary);
    expect(summary.failures).toEqual([]);
    expect(summary.requests).toBeGreaterThanOrEqual(MINIMUM_REQUESTS);
    // Nothing hostile linked the phone, and the gateway kept serving on the same socket.
    expect(gateway.factory.world.linked).toBe(false);
  });

  it('gets only documented answers while the session is linked and ready', { timeout: 60_000 }, async () => {
    gateway = await startHardenedGateway({ linked: true });
    expect(gateway.session.state).toBe('ready');
    const summary = await runHostileSuite(gateway, CASES, { linked: true });
    report('linked', summary);
    expect(summary.failures).toEqual([]);
    expect(summary.requests).toBeGreaterThanOrEqual(MINIMUM_REQUESTS);
    // Hostile logouts happened (proof that valid-looking requests reached the session) and were undone.
    expect(summary.relinks).toBeGreaterThan(0);
    expect(gateway.session.state).toBe('ready');
  });

  it('gets only documented answers with a token configured and sent, and never logs the token', { timeout: 60_000 }, async () => {
    gateway = await startHardenedGateway({ env: { WHATSAPP_API_TOKEN: TEST_TOKEN }, logLevel: 'trace' });
    const summary = await runHostileSuite(gateway, CASES, { linked: false, token: TEST_TOKEN });
    report('token', summary);
    expect(summary.failures).toEqual([]);
    expect(summary.requests).toBeGreaterThanOrEqual(MINIMUM_REQUESTS);
    // The token was sent with every request, broken ones included: it must not be in any log line.
    expect(gateway.logs.length).toBeGreaterThan(summary.requests);
    expect(gateway.logs.filter((line) => revealsSecret(line, TEST_TOKEN)).map((line) => line.slice(0, 300))).toEqual([]);
  });

  it('answers an undecodable /docs/static path in the error shape, with the headers and the token check', async () => {
    gateway = await startHardenedGateway({ env: { WHATSAPP_API_TOKEN: TEST_TOKEN } });
    const [answer] = await send(gateway.port, { method: 'GET', path: '/docs/static/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json' });
    expect(answer?.status).toBe(401);
    expect(answer?.headers['x-content-type-options']).toBe('nosniff');
    expect(errorShapeProblems(JSON.parse(answer?.body.toString() ?? ''))).toEqual([]);
  });
});
