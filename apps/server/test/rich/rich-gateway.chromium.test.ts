import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNT } from '../../../../packages/core/test/fake-web/install-fake-web.js';
import { startFakePageGateway } from '../support/fake-page-gateway.js';

/**
 * The main rich-messaging paths end to end: REST and MCP requests, through the gateway, the real
 * whatsapp-web.js and Chromium, to the fake WhatsApp Web page, and back.
 */
const authDir = mkdtempSync(join(tmpdir(), 'wa-rich-'));
afterAll(() => rmSync(authDir, { recursive: true, force: true }));

const { bob: BOB, group: GROUP } = FAKE_ACCOUNT.chats;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n% gateway upload\n%%EOF\n');

interface PageMessage {
  type: string;
  caption?: string;
  quotedStanzaID?: string;
  reactions: Record<string, string>;
}

const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('rich messaging through the gateway on the real browser', () => {
  it('uploads to a group, downloads, replies, reacts, and hands incoming media to an MCP agent', async () => {
    const { gateway, base, knob } = await startFakePageGateway(authDir);
    const mcp = new Client({ name: 'vitest', version: '1' });
    try {
      // Multipart upload of a document to the group, then the bytes back over REST.
      const form = new FormData();
      form.set('chat_id', GROUP);
      form.set('caption', 'Minutes');
      form.set('file', new Blob([PDF], { type: 'application/pdf' }), 'minutes.pdf');
      const sent = (await (await fetch(`${base}/api/send-media`, { method: 'POST', body: form })).json()) as { ok: boolean; message_id: string; media: unknown };
      expect(sent).toMatchObject({ ok: true, media: { type: 'document', mimetype: 'application/pdf', filename: 'minutes.pdf', size: PDF.length } });
      expect(await knob<PageMessage>('messageInfo', sent.message_id)).toMatchObject({ type: 'document', caption: 'Minutes' });
      const file = await fetch(`${base}/api/media?message_id=${encodeURIComponent(sent.message_id)}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

      // A reply and a reaction, seen by the page as WhatsApp would hold them.
      const incomingId = await knob<string>('receiveMessage', GROUP, 'Who takes notes next week?', FAKE_ACCOUNT.chats.alice);
      const reply = (await (await post(`${base}/api/send`, { chat_id: GROUP, message: 'I will', reply_to_message_id: incomingId })).json()) as { message_id: string };
      expect(await knob<PageMessage>('messageInfo', reply.message_id)).toMatchObject({ quotedStanzaID: incomingId.split('_')[2] });
      expect((await post(`${base}/api/messages/react`, { message_id: incomingId, emoji: '👍' })).status).toBe(200);
      await vi.waitFor(async () => expect(Object.values((await knob<PageMessage>('messageInfo', incomingId)).reactions)).toEqual(['👍']));

      // Incoming media reaches an MCP agent as an image block with the same bytes.
      const mediaId = await knob<string>('receiveMedia', BOB, { data: PNG.toString('base64'), mimetype: 'image/png', caption: 'look' });
      await mcp.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
      const got = (await mcp.callTool({ name: 'whatsapp_download_media', arguments: { message_id: mediaId } })) as CallToolResult;
      expect(got.isError).toBeFalsy();
      const image = got.content[1] as { type: string; mimeType: string; data: string };
      expect(image).toMatchObject({ type: 'image', mimeType: 'image/png' });
      expect(Buffer.from(image.data, 'base64').equals(PNG)).toBe(true);
    } finally {
      await mcp.close().catch(() => undefined);
      await gateway.app.close();
    }
  }, 120_000);
});
