import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type RunningGateway } from '../mcp/gateway-harness.js';
import { freshStorePath } from '../support/fresh-store-path.js';

async function post(base: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function get(base: string, path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('message history through REST and MCP (sandbox driver, SQLite store)', () => {
  const running: RunningGateway[] = [];
  afterEach(async () => {
    for (const gateway of running.splice(0)) await gateway.close();
  });

  async function linked(storePath = freshStorePath()): Promise<RunningGateway> {
    const gateway = await startGateway({ WHATSAPP_STORE_PATH: storePath }, { linkDelayMs: 10, echoDelayMs: 20 });
    running.push(gateway);
    gateway.factory.world.linked = true;
    await gateway.gateway.session.waitUntilReady();
    await vi.waitFor(() => expect(gateway.gateway.session.state).toBe('ready'));
    return gateway;
  }

  it('finds our own sends and the replies by words, accents folded, with snippets', async () => {
    const { base } = await linked();
    await post(base, '/api/send', { phone_number: '15550100001', message: 'Meet at the Café Núñez on Friday' });
    await vi.waitFor(async () => expect((await get(base, '/api/search?query=cafe%20nunez')).body.count).toBe(2));
    const { body } = await get(base, '/api/search?query=cafe%20nunez&direction=out');
    expect(body.results).toHaveLength(1);
    expect(body.results[0].message).toMatchObject({ from_me: true, chat_id: '15550100001@c.us', body: 'Meet at the Café Núñez on Friday', edited: false, revoked: false });
    expect(body.results[0].snippet).toContain('[Café]');
    const phrase = await get(base, `/api/search?query=${encodeURIComponent('"on friday"')}`);
    expect(phrase.body.count).toBe(2);
    expect((await get(base, '/api/search?query=fri*&chat_id=15550100001%40c.us')).body.count).toBe(2);
    expect((await get(base, '/api/search?query=fri*&chat_id=120363000000000001%40g.us')).body.count).toBe(0);
  });

  it('gives the messages around a hit and exports a chat', async () => {
    const { base } = await linked();
    for (const text of ['first', 'second needle', 'third']) await post(base, '/api/send', { phone_number: '15550100002', message: text });
    await vi.waitFor(async () => expect((await get(base, '/api/search?query=needle')).body.count).toBeGreaterThanOrEqual(1));
    const hit = (await get(base, '/api/search?query=needle&direction=out')).body.results[0].message;
    const context = await get(base, `/api/messages/context?message_id=${encodeURIComponent(hit.id)}&before=2&after=2`);
    expect(context.status).toBe(200);
    expect(context.body.message.body).toBe('second needle');
    expect(context.body.before.length).toBeGreaterThanOrEqual(1);
    expect(context.body.after.length).toBeGreaterThanOrEqual(1);
    const unknown = await get(base, '/api/messages/context?message_id=nope');
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'message_not_found' } } });
    const exported = await get(base, '/api/chats/export?chat_id=15550100002%40c.us');
    expect(exported.body.count).toBe(exported.body.messages.length);
    expect(exported.body.messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['first', 'second needle', 'third']));
    const timestamps = exported.body.messages.map((m: { timestamp: number }) => m.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a: number, b: number) => a - b));
  });

  it('pages back through a long history with before, with no repeats or gaps', async () => {
    const { base } = await linked();
    for (let n = 1; n <= 12; n += 1) await post(base, '/api/send', { phone_number: '15550100001', message: `page message ${n}` });
    await vi.waitFor(async () => expect((await get(base, '/api/chats/export?chat_id=15550100001%40c.us')).body.count).toBe(26));
    const all = (await get(base, '/api/chats/export?chat_id=15550100001%40c.us')).body.messages.map((m: { id: string }) => m.id);
    const seen: string[] = [];
    let page = (await get(base, '/api/messages?chat_id=15550100001%40c.us&limit=5')).body;
    while (page.count > 0) {
      seen.unshift(...page.messages.map((m: { id: string }) => m.id));
      page = (await get(base, `/api/messages?chat_id=15550100001%40c.us&limit=5&before=${encodeURIComponent(page.messages[0].id)}`)).body;
    }
    expect(seen).toEqual(all);
    const foreign = await get(base, `/api/messages?chat_id=15550100002%40c.us&before=${encodeURIComponent(all[0])}`);
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: 'message_not_found' } } });
  });

  it('keeps the history across a restart of the gateway', async () => {
    const storePath = freshStorePath();
    const first = await linked(storePath);
    await post(first.base, '/api/send', { phone_number: '15550100001', message: 'durable words survive' });
    await vi.waitFor(async () => expect((await get(first.base, '/api/search?query=durable')).body.count).toBeGreaterThanOrEqual(1));
    await first.close();
    running.splice(running.indexOf(first), 1);
    const second = await linked(storePath);
    expect((await get(second.base, '/api/search?query=durable%20survive')).body.results[0].message.body).toBe('durable words survive');
  });

  it('re-syncs a chat on demand and refuses bad searches clearly', async () => {
    const { base } = await linked();
    const sync = await post(base, '/api/chats/sync', { chat_id: '120363000000000001@g.us', limit: 50 });
    expect(sync).toMatchObject({ status: 200, body: { ok: true, chat_id: '120363000000000001@g.us', fetched: 2 } });
    expect((await get(base, '/api/search?query=%22')).status).toBe(400);
    expect((await get(base, '/api/search?query=x&since=yesterday')).body.error.code).toBe('invalid_input');
  });

  it('offers search and context to MCP agents', async () => {
    const gateway = await linked();
    await post(gateway.base, '/api/send', { phone_number: '15550100001', message: 'agents can search too' });
    const client = new Client({ name: 'vitest', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(gateway.mcpUrl));
    await vi.waitFor(async () => {
      const result = (await client.callTool({ name: 'whatsapp_search_messages', arguments: { query: 'agents search' } })) as CallToolResult;
      expect((result.structuredContent as { count: number }).count).toBeGreaterThanOrEqual(1);
    });
    await client.close();
  });
});
