import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '@wa/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createWwebjsDriverFactory, realClientBuilder, type ClientLike } from '../../../../packages/core/src/drivers/wwebjs/index.js';
import { FAKE_ACCOUNT, installFakeWeb } from '../../../../packages/core/test/fake-web/install-fake-web.js';
import { buildServer } from '../../src/build-server.js';
import { fakePageEnv } from '../support/fake-page-env.js';

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
    await installFakeWeb(join(authDir, 'web-cache'));
    const config = loadConfig({ ...fakePageEnv(authDir), WHATSAPP_STORE_PATH: join(authDir, 'messages.db') });
    const clients: ClientLike[] = [];
    const real = realClientBuilder({ config, extraClientOptions: { evalOnNewDoc: 'window.__fakeWaConfig = {"autoScanAfterMs":200}' } });
    const logger = pino({ level: 'silent' });
    const driverFactory = createWwebjsDriverFactory({
      config,
      logger,
      buildClient: async (input) => {
        const client = await real(input);
        clients.push(client);
        return client;
      },
    });
    const gateway = await buildServer({ config, logger, driverFactory });
    const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    const mcp = new Client({ name: 'vitest', version: '1' });
    try {
      await gateway.session.start();
      await vi.waitFor(() => expect(gateway.session.state).toBe('ready'), { timeout: 30_000, interval: 100 });
      const page = clients.at(-1)!.pupPage as unknown as { evaluate(expression: string): Promise<unknown> };
      const knob = <T>(name: string, ...args: unknown[]) => page.evaluate(`window.__fakeWa.${name}(${args.map((a) => JSON.stringify(a)).join(',')})`) as Promise<T>;

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
