import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INITIALIZE, legacyPost, startGateway, type RunningGateway } from './gateway-harness.js';

const SPEC_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const VERSION = '2025-03-26';

/** Every JSON-RPC message of an SSE answer, in order. */
function sseMessages(text: string): any[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)));
}

const statusCall = (id: number | string) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'whatsapp_status', arguments: {} } });

describe('the Streamable HTTP transport over a real socket', () => {
  let running: RunningGateway;
  let sessionHeaders: Record<string, string>;

  const post = (body: unknown, headers: Record<string, string> = sessionHeaders, signal?: AbortSignal) =>
    fetch(running.mcpUrl, { method: 'POST', headers, body: JSON.stringify(body), signal });

  beforeEach(async () => {
    running = await startGateway();
    const init = await fetch(running.mcpUrl, { method: 'POST', headers: SPEC_HEADERS, body: JSON.stringify(INITIALIZE(VERSION)) });
    expect(init.status).toBe(200);
    await init.text();
    sessionHeaders = { ...SPEC_HEADERS, 'mcp-session-id': init.headers.get('mcp-session-id')!, 'mcp-protocol-version': VERSION };
    expect((await post({ jsonrpc: '2.0', method: 'notifications/initialized' })).status).toBe(202);
  });
  afterEach(async () => running.close());

  it('answers a batch of requests on one SSE stream, one event per answer, then ends it', async () => {
    const response = await post([statusCall('a'), { jsonrpc: '2.0', id: 'b', method: 'ping' }, { jsonrpc: '2.0', method: 'notifications/initialized' }]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const messages = sseMessages(await response.text());
    expect(messages.map((message) => message.id).sort()).toEqual(['a', 'b']);
    expect(messages.find((message) => message.id === 'b')).toEqual({ jsonrpc: '2.0', id: 'b', result: {} });
  });

  it('answers a batch of notifications with 202 and no body', async () => {
    const response = await post([{ jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 'none' } }]);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
  });

  it('answers an old client batch with one JSON array, in the order of the requests', async () => {
    const response = await legacyPost(running.base, [{ jsonrpc: '2.0', id: 2, method: 'ping' }, statusCall(1)]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as any[];
    expect(body.map((answer) => answer.id)).toEqual([2, 1]);
    expect(JSON.parse(body[1].result.content[0].text)).toHaveProperty('state');
  });

  it('refuses what the SDK transport refuses, with its statuses and JSON-RPC codes', async () => {
    const noJson = await post(statusCall(1), { ...sessionHeaders, accept: 'text/event-stream' });
    expect(noJson.status).toBe(406);
    expect(await noJson.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: expect.stringContaining('Not Acceptable') }, id: null });

    const getWithoutSse = await fetch(running.mcpUrl, { headers: { ...sessionHeaders, accept: 'application/json' } });
    expect(getWithoutSse.status).toBe(406);

    const notJsonRpc = await post({ jsonrpc: '1.0', id: 1, method: 'ping' });
    expect(notJsonRpc.status).toBe(400);
    expect(await notJsonRpc.json()).toMatchObject({ error: { code: -32700 } });

    const again = await post(INITIALIZE(VERSION, 9));
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: -32600, message: 'Invalid Request: Server already initialized' } });

    const tooMany = await post(Array.from({ length: 101 }, (_, index) => ({ jsonrpc: '2.0', id: index, method: 'ping' })));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { code: -32600 } });

    const twice = await post([{ jsonrpc: '2.0', id: 7, method: 'ping' }, { jsonrpc: '2.0', id: 7, method: 'ping' }]);
    expect(twice.status).toBe(400);
    expect(await twice.json()).toMatchObject({ error: { code: -32600 } });

    // Still healthy after every refusal.
    const ok = await post(statusCall(2));
    expect(sseMessages(await ok.text())[0]).toMatchObject({ id: 2, result: { structuredContent: { state: 'stopped' } } });
  });

  it('refuses a second request with the id of one still in progress, and answers the first', async () => {
    const first = await post({ jsonrpc: '2.0', id: 'cursor', method: 'tools/call', params: { name: 'whatsapp_get_updates', arguments: {} } });
    const { cursor } = sseMessages(await first.text())[0].result.structuredContent;
    const waiting = post({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'whatsapp_get_updates', arguments: { cursor, wait_seconds: 1, types: 'message.received' } } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const duplicate = await post(statusCall(5));
    expect(duplicate.status).toBe(400);
    expect(await duplicate.json()).toMatchObject({ error: { code: -32600, message: expect.stringContaining('already in progress') } });
    const answer = sseMessages(await (await waiting).text());
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ id: 5, result: { structuredContent: { events: [] } } });
  });

  it('ends the POST of a request its client cancelled, without an answer, and frees its id', { timeout: 15_000 }, async () => {
    const first = await post({ jsonrpc: '2.0', id: 'cursor', method: 'tools/call', params: { name: 'whatsapp_get_updates', arguments: {} } });
    const { cursor } = sseMessages(await first.text())[0].result.structuredContent;
    // A wait longer than this test may take: only the cancellation can end this POST in time.
    const waiting = post({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'whatsapp_get_updates', arguments: { cursor, wait_seconds: 25, types: 'message.received' } } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancel = await post({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 9, reason: 'the user gave up' } });
    expect(cancel.status).toBe(202);
    const cancelled = await waiting;
    expect(cancelled.status).toBe(200);
    expect(sseMessages(await cancelled.text())).toEqual([]);
    const reused = await post(statusCall(9));
    expect(sseMessages(await reused.text())[0]).toMatchObject({ id: 9, result: { structuredContent: { state: 'stopped' } } });
    expect(running.gateway.mcpSessions.get(sessionHeaders['mcp-session-id']!)?.open).toBe(0);
  });

  it('survives a client that hangs up during a call: the call is not cancelled, its id stays taken until it ends', async () => {
    const first = await post({ jsonrpc: '2.0', id: 'cursor', method: 'tools/call', params: { name: 'whatsapp_get_updates', arguments: {} } });
    const { cursor } = sseMessages(await first.text())[0].result.structuredContent;
    // Its own connection (not the client's pool), closed by the client before any answer.
    const call = request(running.mcpUrl, { method: 'POST', headers: sessionHeaders, agent: false });
    const closed = new Promise((resolve) => call.once('close', resolve));
    call.on('error', () => undefined);
    call.end(JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'whatsapp_get_updates', arguments: { cursor, wait_seconds: 1, types: 'message.received' } } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    call.destroy();
    await closed;
    // Reusing the id now could hand the old answer to the new request.
    const early = await post(statusCall(6));
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ error: { code: -32600 } });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const next = await post(statusCall(6));
    expect(sseMessages(await next.text())[0]).toMatchObject({ id: 6, result: { structuredContent: { state: 'stopped' } } });
    expect(running.gateway.mcpSessions.size).toBe(1);
  });
});
