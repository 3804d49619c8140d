import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS } from '@wa/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type RunningGateway } from '../mcp/gateway-harness.js';

const { alice, bob, team } = SANDBOX_CONTACTS;

/** Each new tool with the annotations its behaviour calls for. */
const HINTS: Record<string, { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean }> = {
  whatsapp_check_number: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  whatsapp_send_location: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  whatsapp_react: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  whatsapp_edit_message: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  whatsapp_delete_message: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  whatsapp_forward_message: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  whatsapp_mark_read: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  whatsapp_send_presence: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  whatsapp_search_contacts: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  whatsapp_get_contact: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  whatsapp_list_groups: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  whatsapp_get_group: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

describe('rich messaging over MCP with the SDK client', () => {
  let running: RunningGateway;
  let client: Client;

  beforeEach(async () => {
    running = await startGateway();
    running.factory.world.linked = true;
    client = new Client({ name: 'vitest-rich', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(running.mcpUrl));
  });

  afterEach(async () => {
    await client.close().catch(() => undefined);
    await running.close();
  });

  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  /** A successful call's structuredContent, which must equal its pretty JSON text. */
  const ok = async (name: string, args: Record<string, unknown>): Promise<Record<string, any>> => {
    const result = await call(name, args);
    const text = (result.content[0] as { text: string }).text;
    expect(result.isError, `${name}: ${text}`).toBeFalsy();
    expect(JSON.parse(text)).toEqual(result.structuredContent);
    return result.structuredContent as Record<string, any>;
  };
  /** A failed call's error code and message. */
  const failed = async (name: string, args: Record<string, unknown>): Promise<{ code: string; message: string }> => {
    const result = await call(name, args);
    expect(result.isError, name).toBe(true);
    return JSON.parse((result.content[0] as { text: string }).text).error;
  };

  it('lists every rich-messaging tool with strict schemas, an output schema and honest annotations', async () => {
    const { tools } = await client.listTools();
    const byName = new Map<string, Tool>(tools.map((tool) => [tool.name, tool]));
    for (const [name, hints] of Object.entries(HINTS)) {
      const tool = byName.get(name);
      expect(tool, name).toBeDefined();
      expect(tool!.inputSchema, name).toMatchObject({ type: 'object', additionalProperties: false });
      expect(tool!.outputSchema, name).toMatchObject({ type: 'object', properties: { ok: {} } });
      expect(tool!.annotations, name).toMatchObject(hints);
      expect(tool!.description!.length, name).toBeGreaterThan(100);
    }
    expect(byName.get('whatsapp_react')!.inputSchema.required).toEqual(['message_id', 'emoji']);
    expect(byName.get('whatsapp_send_presence')!.inputSchema.properties!['presence']).toMatchObject({ enum: ['typing', 'recording', 'paused'] });
    expect(byName.get('whatsapp_send_message')!.inputSchema.properties).toMatchObject({ reply_to_message_id: { type: 'string' }, mentions: { type: 'array', maxItems: 100 } });
    expect(byName.get('whatsapp_delete_message')!.inputSchema.properties!['for_everyone']).toMatchObject({ type: 'boolean', default: false });
  });

  it('checks a number, replies, reacts, edits, forwards, deletes, marks read and shows typing through tools', async () => {
    expect(await ok('whatsapp_check_number', { phone_number: 15550100001 })).toEqual({ ok: true, phone_number: '15550100001', on_whatsapp: true, chat_id: alice });
    const [greeting] = running.factory.world.readMessages(alice, 1);
    const sent = await ok('whatsapp_send_message', { phone_number: '15550100001', message: 'Hi @15550100002', reply_to_message_id: greeting!.id, mentions: ['15550100002'] });
    expect(sent).toMatchObject({ ok: true, to: '15550100001', chat_id: alice });
    expect(running.factory.world.findMessage(sent['message_id'])?.message).toMatchObject({ quotedMessageId: greeting!.id, mentions: [bob] });

    expect(await ok('whatsapp_react', { message_id: greeting!.id, emoji: '🎉' })).toEqual({ ok: true, message_id: greeting!.id, chat_id: alice, emoji: '🎉' });
    expect(running.factory.world.reactionsOn(greeting!.id)).toEqual({ [SANDBOX_ACCOUNT.wid]: '🎉' });
    expect((await ok('whatsapp_edit_message', { message_id: sent['message_id'], text: 'Hi again' }))['message']).toMatchObject({ id: sent['message_id'], body: 'Hi again' });
    expect(await ok('whatsapp_forward_message', { message_id: sent['message_id'], chat_id: team })).toMatchObject({ ok: true, chat_id: team, to: '120363000000000001' });
    expect(running.factory.world.readMessages(team, 1)[0]).toMatchObject({ body: 'Hi again', fromMe: true });
    expect(await ok('whatsapp_delete_message', { message_id: sent['message_id'], for_everyone: true })).toMatchObject({ ok: true, for_everyone: true });
    expect(running.factory.world.findMessage(sent['message_id'])?.message.type).toBe('revoked');

    expect(await ok('whatsapp_mark_read', { chat_id: alice })).toEqual({ ok: true, chat_id: alice });
    expect(running.factory.world.getChat(alice)?.unreadCount).toBe(0);
    expect(await ok('whatsapp_send_presence', { chat_id: alice, presence: 'recording' })).toEqual({ ok: true, chat_id: alice, presence: 'recording' });
    expect(running.factory.world.presenceIn(alice)).toBe('recording');
    const location = await ok('whatsapp_send_location', { chat_id: bob, latitude: 51.5007, longitude: -0.1246, name: 'Big Ben' });
    expect(running.factory.world.findMessage(location['message_id'])?.message.location).toMatchObject({ latitude: 51.5007, name: 'Big Ben' });
  });

  it('finds contacts and groups through tools', async () => {
    expect((await ok('whatsapp_search_contacts', { query: 'alice' }))['contacts']).toEqual([expect.objectContaining({ id: alice, pushname: 'Alice' })]);
    expect((await ok('whatsapp_get_contact', { contact_id: bob }))['contact']).toMatchObject({ id: bob, pushname: 'Bobby', is_my_contact: true });
    expect(await ok('whatsapp_list_groups', { limit: 5 })).toMatchObject({ ok: true, count: 1, groups: [{ id: team, is_group: true }] });
    const { group } = await ok('whatsapp_get_group', { chat_id: team });
    expect(group).toMatchObject({ id: team, participant_count: 3 });
    expect(group.participants.map((participant: { id: string }) => participant.id)).toEqual([SANDBOX_ACCOUNT.wid, alice, bob]);
  });

  it('reports unknown messages, numbers not on WhatsApp, foreign edits and non-groups as tool errors an agent can act on', async () => {
    const unknown = await failed('whatsapp_react', { message_id: 'false_15550100001@c.us_3EB0DOESNOTEXIST', emoji: '👍' });
    expect(unknown).toMatchObject({ code: 'message_not_found', message: expect.stringMatching(/read_messages/) });
    expect(await failed('whatsapp_send_message', { phone_number: '15550000000', message: 'anyone?' })).toMatchObject({ code: 'not_on_whatsapp', message: expect.stringMatching(/check_number/) });
    expect(running.factory.world.hasChat('15550000000@c.us')).toBe(false);

    await ok('whatsapp_send_message', { chat_id: alice, message: 'ping' });
    const echo = await vi.waitFor(() => {
      const found = running.factory.world.readMessages(alice, 5).find((message) => message.body === 'Echo: ping');
      expect(found).toBeDefined();
      return found!;
    });
    expect((await failed('whatsapp_edit_message', { message_id: echo.id, text: 'pong' })).code).toBe('not_allowed');
    expect((await failed('whatsapp_delete_message', { message_id: echo.id, for_everyone: true })).code).toBe('not_allowed');
    expect(await failed('whatsapp_get_group', { chat_id: alice })).toMatchObject({ code: 'group_not_found', message: expect.stringMatching(/list_groups/) });
    expect((await failed('whatsapp_get_contact', { phone_number: '15550000000' })).code).toBe('not_on_whatsapp');
    expect((await failed('whatsapp_send_presence', { chat_id: alice, presence: 'sleeping' })).code).toBe('invalid_input');
  });
});
