import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type RunningGateway } from '../mcp/gateway-harness.js';
import { openSse } from './sse-client.js';

const ALICE = '15550100001@c.us';

async function send(base: string, phone: string, message: string): Promise<{ message_id: string }> {
  const response = await fetch(`${base}/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone_number: phone, message }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { message_id: string };
}

describe('live events (sandbox driver)', () => {
  let running: RunningGateway;
  beforeEach(async () => {
    running = await startGateway({}, { linkDelayMs: 20, echoDelayMs: 60 });
    running.factory.world.linked = true;
    await running.gateway.session.waitUntilReady();
  });
  afterEach(async () => running.close());

  it('streams an incoming message, our send and its receipts over SSE, filtered by type', async () => {
    const all = await openSse(`${running.base}/api/events`);
    const received = await openSse(`${running.base}/api/events?types=message.received&chat_id=${encodeURIComponent(ALICE)}`);
    expect(all.status).toBe(200);
    const { message_id } = await send(running.base, '15550100001', 'ping');
    await vi.waitFor(() => expect(received.events.map((e) => e.event)).toEqual(['message.received']));
    const incoming = JSON.parse(received.events[0]!.data);
    expect(incoming).toMatchObject({ type: 'message.received', chat_id: ALICE, data: { message: { body: 'Echo: ping', from_me: false } } });
    await vi.waitFor(() => expect(all.events.map((e) => e.event)).toEqual(expect.arrayContaining(['message.sent', 'message.ack', 'message.received'])));
    const sent = all.events.filter((e) => e.event === 'message.sent').map((e) => JSON.parse(e.data));
    expect(sent).toHaveLength(1);
    expect(sent[0].data.message.id).toBe(message_id);
    const acks = all.events.filter((e) => e.event === 'message.ack').map((e) => JSON.parse(e.data).data.ack_name);
    expect(acks).toEqual(['server', 'device', 'read']);
    const ids = all.events.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    all.close();
    received.close();
  });

  it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
    const first = await openSse(`${running.base}/api/events`);
    await send(running.base, '15550100001', 'one');
    await vi.waitFor(() => expect(first.events.some((e) => e.event === 'message.received')).toBe(true));
    const lastSeen = first.events.at(-1)!.id!;
    first.close();
    await send(running.base, '15550100002', 'two while away');
    await vi.waitFor(async () => {
      const page = (await (await fetch(`${running.base}/api/updates?cursor=${lastSeen}&types=message.received`)).json()) as { count: number };
      expect(page.count).toBe(1);
    });
    const again = await openSse(`${running.base}/api/events?types=message.sent,message.received`, { 'last-event-id': lastSeen });
    await vi.waitFor(() => expect(again.events.map((e) => JSON.parse(e.data).data.message.body)).toEqual(['two while away', 'Echo: two while away']));
    again.close();
  });

  it('refuses unknown event types with 400 in the error shape', async () => {
    const response = await fetch(`${running.base}/api/events?types=message.exploded`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('message.exploded') } });
  });

  it('long-polls GET /api/updates: waits for the next event and hands out a cursor to continue', async () => {
    const start = (await (await fetch(`${running.base}/api/updates`)).json()) as { cursor: string };
    const waiting = fetch(`${running.base}/api/updates?cursor=${start.cursor}&wait_seconds=10&types=message.received`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await send(running.base, '15550100001', 'long poll');
    const page = (await (await waiting).json()) as { count: number; cursor: string; gap: boolean; events: Array<{ data: { message: { body: string } } }> };
    expect(page).toMatchObject({ ok: true, count: 1, gap: false });
    expect(page.events[0]!.data.message.body).toBe('Echo: long poll');
    const empty = (await (await fetch(`${running.base}/api/updates?cursor=${page.cursor}&wait_seconds=0`)).json()) as { count: number };
    expect(empty.count).toBe(0);
  });

  it('waits for a reply in one chat through REST', async () => {
    const waiting = fetch(`${running.base}/api/wait-for-reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number: '15550100002', timeout_seconds: 10 }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await send(running.base, '15550100001', 'not this chat');
    await send(running.base, '15550100002', 'are you there?');
    const reply = (await (await waiting).json()) as { timed_out: boolean; message: { body: string; from: string } };
    expect(reply).toMatchObject({ ok: true, timed_out: false, message: { body: 'Echo: are you there?', from: '15550100002@c.us' } });
    const timeout = (await (await fetch(`${running.base}/api/wait-for-reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: '120363000000000001@g.us', timeout_seconds: 1 }),
    })).json()) as { timed_out: boolean; message: null };
    expect(timeout).toMatchObject({ timed_out: true, message: null });
  });

  it('gives MCP agents get_updates and wait_for_reply', async () => {
    const client = new Client({ name: 'vitest', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(running.mcpUrl));
    const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
    const first = (await call('whatsapp_get_updates', {})).structuredContent as { cursor: string };
    const waitReply = call('whatsapp_wait_for_reply', { phone_number: '15550100001', timeout_seconds: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await call('whatsapp_send_message', { phone_number: '15550100001', message: 'over mcp' });
    expect((await waitReply).structuredContent).toMatchObject({ timed_out: false, message: { body: 'Echo: over mcp' } });
    const updates = (await call('whatsapp_get_updates', { cursor: first.cursor, types: 'message.sent,message.received' })).structuredContent as {
      events: Array<{ type: string }>;
    };
    expect(updates.events.map((e) => e.type)).toEqual(['message.sent', 'message.received']);
    const bad = await call('whatsapp_get_updates', { types: 'nope' });
    expect(bad.isError).toBe(true);
    await client.close();
  });

  it('publishes session state changes without secrets', async () => {
    const stream = await openSse(`${running.base}/api/events?types=session.state,session.qr`);
    const qrs: string[] = [];
    running.gateway.session.on('qr', (qr) => qrs.push(qr));
    await running.gateway.session.logout();
    await running.gateway.session.start();
    await vi.waitFor(() => expect(stream.events.map((e) => e.event)).toEqual(expect.arrayContaining(['session.state', 'session.qr'])));
    const qrEvent = stream.events.find((e) => e.event === 'session.qr')!;
    expect(qrs).toHaveLength(1);
    expect(qrEvent.data).not.toContain(qrs[0]!);
    expect(JSON.parse(qrEvent.data).data).toEqual({ has_qr: true });
    stream.close();
  });
});
