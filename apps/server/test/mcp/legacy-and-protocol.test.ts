import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIALIZE, legacyPost, startGateway, type RunningGateway } from './gateway-harness.js';

const SPEC_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Reads the single JSON-RPC message of an SSE response. */
async function sseMessage(response: Response): Promise<any> {
  const text = await response.text();
  const data = text.split('\n').find((line) => line.startsWith('data: '));
  if (!data) throw new Error(`no SSE data in: ${text}`);
  return JSON.parse(data.slice(6));
}

describe('old plain-JSON MCP clients', () => {
  let running: RunningGateway;
  beforeEach(async () => {
    running = await startGateway();
  });
  afterEach(async () => running.close());

  it('get a plain JSON initialize answer with an mcp-session-id header', async () => {
    const response = await legacyPost(running.base, INITIALIZE('2024-11-05'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2024-11-05', serverInfo: { name: 'whatsapp-mcp-api' } } });
  });

  it('get their session id back as they sent it, unless it is not a plausible id', async () => {
    const call = { jsonrpc: '2.0', id: 'e', method: 'ping' };
    const echoed = await legacyPost(running.base, call, { 'mcp-session-id': 'whatever-the-old-server-said' });
    expect(echoed.headers.get('mcp-session-id')).toBe('whatever-the-old-server-said');
    for (const sessionId of ['x'.repeat(129), 'two words']) {
      const response = await legacyPost(running.base, call, { 'mcp-session-id': sessionId });
      expect(response.status).toBe(200);
      expect(response.headers.get('mcp-session-id')).toBeNull();
    }
  });

  it('answer notifications/initialized with 202 and an empty body', async () => {
    const response = await legacyPost(running.base, { jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
  });

  it('call tools without initialize, with or without a session id, and get plain JSON', async () => {
    const variants: Array<Record<string, string>> = [{}, { 'mcp-session-id': 'whatever-the-old-server-said' }, { accept: 'application/json' }];
    for (const headers of variants) {
      const response = await legacyPost(running.base, { jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'whatsapp_status', arguments: {} } }, headers);
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      expect(body.id).toBe('a');
      expect(JSON.parse(body.result.content[0].text)).toMatchObject({ state: 'stopped' });
    }
    const list = (await (await legacyPost(running.base, { jsonrpc: '2.0', id: 2, method: 'tools/list' })).json()) as any;
    expect(list.result.tools).toHaveLength(28);
  });

  it('keep the request id on tool failures and get isError, not HTTP 500', async () => {
    const response = await legacyPost(running.base, {
      jsonrpc: '2.0',
      id: 77,
      method: 'tools/call',
      params: { name: 'whatsapp_send_message', arguments: { phone_number: 'nope', message: 'x' } },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ id: 77, result: { isError: true } });
  });

  it('leave nothing behind: no MCP session is kept for plain-JSON requests', async () => {
    for (let i = 0; i < 200; i += 1) {
      const response = await legacyPost(running.base, { jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'whatsapp_status', arguments: {} } });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(running.gateway.mcpSessions.size).toBe(0);
  });

  it('answer malformed JSON-RPC with a JSON-RPC error, not a crash', async () => {
    const response = await legacyPost(running.base, { hello: 'world' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
  });
});

describe('spec Streamable HTTP clients', () => {
  let running: RunningGateway;
  beforeEach(async () => {
    running = await startGateway();
  });
  afterEach(async () => running.close());

  const initialize = async (version: string) => {
    const response = await fetch(running.mcpUrl, { method: 'POST', headers: SPEC_HEADERS, body: JSON.stringify(INITIALIZE(version)) });
    return { response, message: await sseMessage(response), sessionId: response.headers.get('mcp-session-id') };
  };

  it('negotiates every protocol revision from 2024-11-05 to 2025-11-25, and the latest for unknown ones', async () => {
    for (const version of ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25']) {
      const { message, sessionId } = await initialize(version);
      expect(message.result.protocolVersion).toBe(version);
      expect(sessionId).toBeTruthy();
    }
    const { message } = await initialize('1999-01-01');
    expect(message.result.protocolVersion).toBe('2025-11-25');
  });

  it('answers 400 without a session id and 404 for an unknown one', async () => {
    const missing = await fetch(running.mcpUrl, { method: 'POST', headers: SPEC_HEADERS, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(missing.status).toBe(400);
    const unknown = await fetch(running.mcpUrl, {
      method: 'POST',
      headers: { ...SPEC_HEADERS, 'mcp-session-id': '00000000-0000-0000-0000-000000000000' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: -32001, message: 'Session not found' } });
    const getWithout = await fetch(running.mcpUrl, { headers: { accept: 'text/event-stream' } });
    expect(getWithout.status).toBe(400);
  });

  it('refuses an unsupported MCP-Protocol-Version header with 400', async () => {
    const { sessionId } = await initialize('2025-11-25');
    const response = await fetch(running.mcpUrl, {
      method: 'POST',
      headers: { ...SPEC_HEADERS, 'mcp-session-id': sessionId!, 'mcp-protocol-version': '1999-01-01' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(response.status).toBe(400);
  });

  it('opens one GET stream per session, refuses a second with 409, and shutdown closes it', async () => {
    const { sessionId } = await initialize('2025-11-25');
    const headers = { accept: 'text/event-stream', 'mcp-session-id': sessionId!, 'mcp-protocol-version': '2025-11-25' };
    const stream = await fetch(running.mcpUrl, { headers });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const second = await fetch(running.mcpUrl, { headers });
    expect(second.status).toBe(409);
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(3000);
    running = await startGateway();
  });

  it('sweeps 2,000 abandoned sessions', async () => {
    await running.close();
    running = await startGateway({ WHATSAPP_MCP_SESSION_IDLE_MS: '1000', WHATSAPP_MCP_MAX_SESSIONS: '5000' });
    const ids = new Set<string>();
    for (let batch = 0; batch < 40; batch += 1) {
      const results = await Promise.all(Array.from({ length: 50 }, () => initialize('2025-11-25')));
      for (const { sessionId } of results) ids.add(sessionId!);
    }
    expect(ids.size).toBe(2000);
    // Nobody sends DELETE: the background sweeper alone must reclaim every session.
    await vi.waitFor(() => expect(running.gateway.mcpSessions.size).toBe(0), { timeout: 10_000, interval: 100 });
  }, 60_000);

  it('keeps at most the configured number of sessions, evicting the least recently used idle one', async () => {
    await running.close();
    running = await startGateway({ WHATSAPP_MCP_MAX_SESSIONS: '3' });
    const first = await initialize('2025-11-25');
    for (let i = 0; i < 3; i += 1) await initialize('2025-11-25');
    expect(running.gateway.mcpSessions.size).toBe(3);
    expect(running.gateway.mcpSessions.get(first.sessionId!)).toBeUndefined();
  });
});
