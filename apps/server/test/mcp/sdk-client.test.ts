import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type RunningGateway } from './gateway-harness.js';

const TOOL_NAMES = [
  'whatsapp_status',
  'whatsapp_start_auth',
  'whatsapp_pairing_code',
  'whatsapp_send_message',
  'whatsapp_list_chats',
  'whatsapp_read_messages',
  'whatsapp_logout',
];

describe('MCP with the SDK client over a real socket', () => {
  let running: RunningGateway;
  let client: Client;
  let transport: StreamableHTTPClientTransport;

  beforeEach(async () => {
    running = await startGateway();
    client = new Client({ name: 'vitest', version: '1.0.0' });
    transport = new StreamableHTTPClientTransport(running.mcpUrl);
    await client.connect(transport);
  });

  afterEach(async () => {
    await client.close().catch(() => undefined);
    await running.close();
  });

  const call = async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  const textOf = (result: CallToolResult) => (result.content[0] as { type: 'text'; text: string }).text;

  it('initializes with the latest protocol, the old server name and instructions', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'whatsapp-mcp-api' });
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(transport.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    expect(client.getInstructions()).toMatch(/untrusted data/);
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {} });
  });

  it('lists the seven tools of the contract first, then the event tools, with strict input schemas and annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      ...TOOL_NAMES,
      'whatsapp_get_updates',
      'whatsapp_wait_for_reply',
      'whatsapp_search_messages',
      'whatsapp_message_context',
      'whatsapp_sync_chat',
      'whatsapp_export_chat',
      'whatsapp_check_number',
      'whatsapp_send_location',
      'whatsapp_react',
      'whatsapp_edit_message',
      'whatsapp_delete_message',
      'whatsapp_forward_message',
      'whatsapp_mark_read',
      'whatsapp_send_presence',
      'whatsapp_search_contacts',
      'whatsapp_get_contact',
      'whatsapp_list_groups',
      'whatsapp_get_group',
      'whatsapp_send_media',
      'whatsapp_download_media',
      'whatsapp_list_media',
    ]);
    for (const tool of tools) {
      expect(tool.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
      expect(tool.description!.length).toBeGreaterThan(40);
    }
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName['whatsapp_status']!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(byName['whatsapp_logout']!.annotations).toMatchObject({ destructiveHint: true });
    expect(byName['whatsapp_send_message']!.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
    expect(byName['whatsapp_send_message']!.inputSchema).toMatchObject({
      properties: { phone_number: { type: 'string' }, message: { type: 'string' } },
      required: ['message'],
    });
    expect(byName['whatsapp_pairing_code']!.inputSchema.required).toEqual(['phone_number']);
    expect(byName['whatsapp_list_chats']!.inputSchema.properties).toMatchObject({ limit: { type: 'integer', minimum: 1, maximum: 100 } });
    expect(byName['whatsapp_send_message']!.description).toMatch(/cannot be undone/);
  });

  it('returns the REST body as pretty JSON text and as structuredContent', async () => {
    const result = await call('whatsapp_status');
    const rest = await (await fetch(`${running.base}/api/status`)).json();
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(rest);
    expect(textOf(result)).toBe(JSON.stringify(rest, null, 2));
  });

  it('shares one session with REST: an MCP start is seen by REST, a REST send is read over MCP', async () => {
    const started = await call('whatsapp_start_auth');
    expect(started.structuredContent).toMatchObject({ state: 'qr', has_qr: true });
    expect(await (await fetch(`${running.base}/api/status`)).json()).toMatchObject({ state: 'qr' });
    await vi.waitFor(async () => expect((await call('whatsapp_status')).structuredContent).toMatchObject({ state: 'ready' }));
    const sent = await fetch(`${running.base}/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number: '15550100002', message: 'sent over REST' }),
    });
    expect(sent.status).toBe(200);
    const read = await call('whatsapp_read_messages', { phone_number: '15550100002', limit: 5 });
    const messages = (read.structuredContent as { messages: Array<{ body: string }> }).messages;
    expect(messages.at(-1)?.body).toBe('sent over REST');
  });

  it('sends, lists and reads through tools once linked', async () => {
    running.factory.world.linked = true;
    const sent = await call('whatsapp_send_message', { phone_number: '+1 555 010 0001', message: 'hello over MCP' });
    expect(sent.structuredContent).toMatchObject({ ok: true, to: '15550100001', chat_id: '15550100001@c.us' });
    const chats = await call('whatsapp_list_chats', { limit: 1 });
    expect(chats.structuredContent).toMatchObject({ ok: true, count: 1, chats: [{ id: '15550100001@c.us' }] });
    const group = await call('whatsapp_send_message', { chat_id: '120363000000000001@g.us', message: 'hi group' });
    expect(group.structuredContent).toMatchObject({ chat_id: '120363000000000001@g.us' });
  });

  it('reports failures as isError results with an actionable sentence', async () => {
    const bad = await call('whatsapp_send_message', { phone_number: '123', message: 'x' });
    expect(bad.isError).toBe(true);
    expect(JSON.parse(textOf(bad))).toMatchObject({ ok: false, error: { code: 'invalid_phone_number', message: expect.stringMatching(/8 to 15 digits/) } });

    const extra = await call('whatsapp_status', { surprise: true });
    expect(extra.isError).toBe(true);
    expect(textOf(extra)).toMatch(/surprise is not an accepted field/);

    const unknown = await call('whatsapp_fly_to_the_moon');
    expect(unknown.isError).toBe(true);
    expect(JSON.parse(textOf(unknown)).error.code).toBe('unknown_tool');

    running.factory.world.linked = false;
    const notLinked = await call('whatsapp_send_message', { phone_number: '15550100001', message: 'x' });
    expect(notLinked.isError).toBe(true);
    expect(textOf(notLinked)).toMatch(/session_not_linked[\s\S]*scan the QR code[\s\S]*Retry in about 5 s/);
  });

  it('serves the status and chat message resources with canonical URIs', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['whatsapp://status']);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['whatsapp://chats/{chat_id}/messages', 'whatsapp://messages/{message_id}/media']);

    const status = await client.readResource({ uri: 'whatsapp://status' });
    expect(JSON.parse((status.contents[0] as { text: string }).text)).toMatchObject({ state: 'stopped' });

    running.factory.world.linked = true;
    const encoded = await client.readResource({ uri: 'whatsapp://chats/15550100002%40c.us/messages' });
    expect(encoded.contents[0]!.uri).toBe('whatsapp://chats/15550100002@c.us/messages');
    expect(JSON.parse((encoded.contents[0] as { text: string }).text)).toMatchObject({ ok: true, chat: { id: '15550100002@c.us' } });

    await expect(client.readResource({ uri: 'whatsapp://chats/19990000000@c.us/messages' })).rejects.toMatchObject({ code: -32002 });
    await expect(client.readResource({ uri: 'whatsapp://nothing' })).rejects.toMatchObject({ code: -32002 });
  });

  it('notifies a subscribed client when a message arrives in the chat, and stops after unsubscribe', async () => {
    const { ResourceUpdatedNotificationSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updates.push(notification.params.uri);
    });
    // The standalone GET stream carries notifications that answer no request.
    await vi.waitFor(() => expect(running.gateway.mcpSessions.get(transport.sessionId!)?.open).toBeGreaterThan(0));
    await client.subscribeResource({ uri: 'whatsapp://chats/15550100001%40c.us/messages' });
    running.factory.world.linked = true;
    await call('whatsapp_send_message', { phone_number: '15550100001', message: 'ping' });
    await vi.waitFor(() => expect(updates.filter((uri) => uri === 'whatsapp://chats/15550100001@c.us/messages').length).toBeGreaterThanOrEqual(2));
    await client.unsubscribeResource({ uri: 'whatsapp://chats/15550100001@c.us/messages' });
    const count = updates.length;
    await call('whatsapp_send_message', { phone_number: '15550100001', message: 'again' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(updates.length).toBe(count);
  });

  it('offers prompts and accepts a logging level', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['whatsapp_catch_up', 'whatsapp_draft_reply']);
    const draft = await client.getPrompt({ name: 'whatsapp_draft_reply', arguments: { chat_id: '15550100001@c.us' } });
    expect((draft.messages[0]!.content as { text: string }).text).toMatch(/Only call whatsapp_send_message after I approve/);
    await expect(client.getPrompt({ name: 'whatsapp_draft_reply', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    await expect(client.setLoggingLevel('warning')).resolves.toEqual({});
  });

  it('sends session state changes as logging notifications at the level the client chose', async () => {
    const { LoggingMessageNotificationSchema } = await import('@modelcontextprotocol/sdk/types.js');
    const logs: Array<{ level: string; data: unknown }> = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push({ level: notification.params.level, data: notification.params.data });
    });
    await vi.waitFor(() => expect(running.gateway.mcpSessions.get(transport.sessionId!)?.open).toBeGreaterThan(0));
    await client.setLoggingLevel('info');
    await call('whatsapp_start_auth');
    await vi.waitFor(() => expect(logs.map((log) => (log.data as { to: string }).to)).toEqual(expect.arrayContaining(['starting', 'qr', 'ready'])));
    expect(logs[0]).toMatchObject({ level: 'info', data: { event: 'session.state', from: 'stopped', to: 'starting' } });
    await client.setLoggingLevel('error');
    const seen = logs.length;
    await call('whatsapp_logout');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logs.length).toBe(seen);
  });

  it('ends the session on DELETE; the old id then gets 404 and a new session works', async () => {
    const oldId = transport.sessionId!;
    expect(running.gateway.mcpSessions.get(oldId)).toBeDefined();
    await transport.terminateSession();
    expect(running.gateway.mcpSessions.get(oldId)).toBeUndefined();
    const stale = await fetch(running.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': oldId },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    expect(stale.status).toBe(404);

    const again = new Client({ name: 'vitest', version: '1.0.0' });
    const next = new StreamableHTTPClientTransport(running.mcpUrl);
    await again.connect(next);
    expect(next.sessionId).not.toBe(oldId);
    expect((await again.listTools()).tools).toHaveLength(28);
    await again.close();
  });
});
