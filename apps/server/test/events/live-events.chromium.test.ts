import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNT } from '../../../../packages/core/test/fake-web/install-fake-web.js';
import { startFakePageGateway } from '../support/fake-page-gateway.js';
import { openSse } from './sse-client.js';
import { WebhookReceiver } from './webhook-receiver.js';

/**
 * One incoming message from the fake WhatsApp Web page, through the real whatsapp-web.js and
 * Chromium, must reach every channel at once: SSE, a signed webhook, MCP get_updates, and a
 * resource update to a subscribed MCP client.
 */
const authDir = mkdtempSync(join(tmpdir(), 'wa-live-'));
afterAll(() => rmSync(authDir, { recursive: true, force: true }));

describe('live events on the real browser', () => {
  it('delivers an incoming message to SSE, a webhook, get_updates and a resource subscription', async () => {
    const { gateway, base, knob } = await startFakePageGateway(authDir);
    const hook = new WebhookReceiver('live-events-secret-0123');
    const hookUrl = await hook.listen();
    const mcp = new Client({ name: 'vitest', version: '1' });
    try {
      await fetch(`${base}/api/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: hookUrl, secret: 'live-events-secret-0123', types: 'message.received' }),
      });
      const sse = await openSse(`${base}/api/events?types=message.received`);
      const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
      await mcp.connect(transport);
      const updates: string[] = [];
      mcp.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void updates.push(notification.params.uri));
      await vi.waitFor(() => expect(gateway.mcpSessions.get(transport.sessionId!)?.open).toBeGreaterThan(0));
      await mcp.subscribeResource({ uri: `whatsapp://chats/${FAKE_ACCOUNT.chats.bob}/messages` });
      const start = ((await mcp.callTool({ name: 'whatsapp_get_updates', arguments: {} })) as CallToolResult).structuredContent as { cursor: string };
      const polled = mcp.callTool({ name: 'whatsapp_get_updates', arguments: { cursor: start.cursor, wait_seconds: 20, types: 'message.received' } });

      const messageId = await knob<string>('receiveMessage', FAKE_ACCOUNT.chats.bob, 'hello from the phone');

      const polledPage = ((await polled) as CallToolResult).structuredContent as { events: Array<{ id: string; data: { message: { id: string; body: string } } }> };
      expect(polledPage.events.map((event) => event.data.message.body)).toEqual(['hello from the phone']);
      expect(polledPage.events[0]!.data.message.id).toBe(messageId);
      const eventId = polledPage.events[0]!.id;

      await vi.waitFor(() => expect(sse.events.map((event) => event.id)).toEqual([eventId]), { timeout: 10_000 });
      await vi.waitFor(() => expect(hook.uniqueIds()).toEqual([eventId]), { timeout: 10_000 });
      expect(hook.deliveries[0]!.verified).toBe(true);
      await vi.waitFor(() => expect(updates).toContain(`whatsapp://chats/${FAKE_ACCOUNT.chats.bob}/messages`), { timeout: 10_000 });
      sse.close();
    } finally {
      await mcp.close().catch(() => undefined);
      await gateway.app.close();
      await hook.close();
    }
  }, 90_000);
});
