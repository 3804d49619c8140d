import { afterEach, describe, expect, it, vi } from 'vitest';
import { INITIALIZE, startGateway, type RunningGateway } from './gateway-harness.js';

const SPEC_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const VERSION = '2025-11-25';

describe('opening MCP sessions under the session limit', () => {
  let running: RunningGateway;
  afterEach(async () => running.close());

  const initialize = (body: unknown = INITIALIZE(VERSION), headers: Record<string, string> = SPEC_HEADERS) =>
    fetch(running.mcpUrl, { method: 'POST', headers, body: JSON.stringify(body) });

  async function openSession(): Promise<Record<string, string>> {
    const response = await initialize();
    expect(response.status).toBe(200);
    await response.text();
    return { ...SPEC_HEADERS, 'mcp-session-id': response.headers.get('mcp-session-id')!, 'mcp-protocol-version': VERSION };
  }

  const ping = async (headers: Record<string, string>) => (await fetch(running.mcpUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) })).status;

  // First in the file: these initializes are the gateway's first MCP requests, so they all wait for
  // the SDK to load and go on together, the most concurrent they can be.
  it('never holds more sessions than the limit, however many initializes arrive at once', async () => {
    running = await startGateway({ WHATSAPP_MCP_MAX_SESSIONS: '2' });
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const response = await initialize();
        await response.text();
        return response.status;
      }),
    );
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(2);
    expect(running.gateway.mcpSessions.size).toBeLessThanOrEqual(2);
  });

  it('a refused initialize opens no session, evicts none and leaves no server listening to the session', async () => {
    running = await startGateway({ WHATSAPP_MCP_MAX_SESSIONS: '1' });
    const live = await openSession();
    const subscribed = vi.spyOn(running.gateway.session, 'on');
    const unsubscribed = vi.spyOn(running.gateway.session, 'off');

    const notAcceptable = await initialize(INITIALIZE(VERSION), { ...SPEC_HEADERS, accept: 'text/event-stream' });
    expect(notAcceptable.status).toBe(406);
    const notJsonRpc = await initialize({ method: 'initialize', params: INITIALIZE(VERSION).params });
    expect(notJsonRpc.status).toBe(400);
    expect(await notJsonRpc.json()).toMatchObject({ error: { code: -32700 } });

    expect(running.gateway.mcpSessions.size).toBe(1);
    expect(await ping(live)).toBe(200);
    const count = (spy: typeof subscribed | typeof unsubscribed) => spy.mock.calls.filter(([event]) => event === 'state_changed').length;
    expect(count(subscribed)).toBe(2);
    expect(count(unsubscribed)).toBe(2);
  });

  it('refuses a new session with 503 while every session is busy', async () => {
    running = await startGateway({ WHATSAPP_MCP_MAX_SESSIONS: '1' });
    const live = await openSession();
    // An open GET stream keeps the only session busy.
    const stream = await fetch(running.mcpUrl, { headers: { ...live, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const refused = await initialize();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringContaining('Too many MCP sessions') } });
    expect(running.gateway.mcpSessions.size).toBe(1);
    await stream.body?.cancel();
  });
});
