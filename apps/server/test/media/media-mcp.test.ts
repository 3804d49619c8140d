import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SANDBOX_CONTACTS } from '@wa/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type RunningGateway } from '../mcp/gateway-harness.js';

const PDF = Buffer.from('%PDF-1.4\n% agent upload\n%%EOF\n');

describe('media over MCP (sandbox, SDK client)', () => {
  const open: Array<{ running: RunningGateway; client: Client }> = [];
  afterEach(async () => {
    for (const { running, client } of open.splice(0)) {
      await client.close().catch(() => undefined);
      await running.close();
    }
  });

  async function connect(env: Record<string, string> = {}) {
    const running = await startGateway(env);
    const client = new Client({ name: 'vitest', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(running.mcpUrl));
    open.push({ running, client });
    await client.callTool({ name: 'whatsapp_start_auth', arguments: {} });
    await vi.waitFor(() => expect(running.gateway.session.state).toBe('ready'));
    const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
    return { running, client, call };
  }

  it('sends a document and lists it; download returns an embedded resource with the same bytes', async () => {
    const { call } = await connect();
    const sent = await call('whatsapp_send_media', { chat_id: SANDBOX_CONTACTS.bob, media: { data_base64: PDF.toString('base64'), filename: 'plan.pdf' }, caption: 'The plan' });
    expect(sent.isError).toBeFalsy();
    const messageId = (sent.structuredContent as { message_id: string }).message_id;
    expect(sent.structuredContent).toMatchObject({ ok: true, chat_id: SANDBOX_CONTACTS.bob, media: { type: 'document', mimetype: 'application/pdf', filename: 'plan.pdf' } });

    const got = await call('whatsapp_download_media', { message_id: messageId });
    expect(got.isError).toBeFalsy();
    expect(got.structuredContent).toEqual({ ok: true, message_id: messageId, mimetype: 'application/pdf', filename: 'plan.pdf', size: PDF.length });
    const [text, file] = got.content;
    expect(JSON.parse((text as { text: string }).text)).toEqual(got.structuredContent);
    expect(file).toMatchObject({ type: 'resource', resource: { mimeType: 'application/pdf', uri: `whatsapp://messages/${encodeURIComponent(messageId)}/media` } });
    expect(Buffer.from((file as { resource: { blob: string } }).resource.blob, 'base64').equals(PDF)).toBe(true);
  });

  it('returns a received image as an image block', async () => {
    const { call } = await connect();
    const listing = await call('whatsapp_list_media', { chat_id: SANDBOX_CONTACTS.alice });
    const image = (listing.structuredContent as { media: Array<{ message_id: string; type: string; size: number }> }).media.find((item) => item.type === 'image');
    expect(image).toBeDefined();
    const got = await call('whatsapp_download_media', { message_id: image!.message_id });
    const block = got.content[1] as { type: string; mimeType: string; data: string };
    expect(block.type).toBe('image');
    expect(block.mimeType).toBe('image/png');
    expect(Buffer.from(block.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
    expect(Buffer.from(block.data, 'base64')).toHaveLength(image!.size);
  });

  it('links media over the inline limit as a resource, which resources/read returns as a blob', async () => {
    const { client, call } = await connect({ WHATSAPP_MCP_INLINE_MEDIA_MAX_BYTES: '16' });
    const sent = await call('whatsapp_send_media', { chat_id: SANDBOX_CONTACTS.bob, media: { data_base64: PDF.toString('base64'), mimetype: 'application/pdf' } });
    const messageId = (sent.structuredContent as { message_id: string }).message_id;
    const got = await call('whatsapp_download_media', { message_id: messageId });
    const link = got.content[1] as { type: string; uri: string; size: number };
    expect(link).toMatchObject({ type: 'resource_link', mimeType: 'application/pdf', size: PDF.length });
    expect(JSON.parse((got.content[0] as { text: string }).text)).toMatchObject({ resource: link.uri });

    const read = await client.readResource({ uri: link.uri });
    const content = read.contents[0] as { uri: string; mimeType: string; blob: string };
    expect(content.mimeType).toBe('application/pdf');
    expect(Buffer.from(content.blob, 'base64').equals(PDF)).toBe(true);
    const templates = await client.listResourceTemplates();
    expect(templates.resourceTemplates.map((template) => template.uriTemplate)).toContain('whatsapp://messages/{message_id}/media');
  });

  it('reports media errors as tool errors with their code', async () => {
    const { client, call } = await connect();
    const bad = await call('whatsapp_send_media', { chat_id: SANDBOX_CONTACTS.bob, media: { url: 'http://169.254.169.254/latest/meta-data' } });
    expect(bad.isError).toBe(true);
    expect(JSON.parse((bad.content[0] as { text: string }).text).error.code).toBe('media_url_blocked');
    const none = await call('whatsapp_download_media', { message_id: 'true_15550100002@c.us_3EB0NOTHERE' });
    expect(none.isError).toBe(true);
    expect(JSON.parse((none.content[0] as { text: string }).text).error.code).toBe('message_not_found');
    await expect(client.readResource({ uri: 'whatsapp://messages/true_15550100002%40c.us_3EB0NOTHERE/media' })).rejects.toThrow(/message/i);
  });
});
