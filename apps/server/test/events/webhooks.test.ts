import { createSandboxDriverFactory, loadConfig } from '@wa/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildServer, type Gateway } from '../../src/build-server.js';
import { WebhookReceiver } from './webhook-receiver.js';

const SECRET = 'receiver-secret-0123456789';
const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100 };

interface Running {
  gateway: Gateway;
  base: string;
}

const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function start(authDir: string, env: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: authDir, ...env });
  const factory = createSandboxDriverFactory({ linkDelayMs: 10, echoDelayMs: 30 });
  factory.world.linked = true;
  const gateway = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory: factory, webhookRetry: FAST_RETRY });
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  await gateway.session.waitUntilReady();
  const running = { gateway, base };
  open.push({ close: () => gateway.app.close() });
  return running;
}

async function post(base: string, path: string, body: unknown): Promise<any> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function receiver(): Promise<{ receiver: WebhookReceiver; url: string }> {
  const receiver = new WebhookReceiver(SECRET);
  const url = await receiver.listen();
  open.push(receiver);
  return { receiver, url };
}

describe('webhooks', () => {
  it('delivers signed events to a receiver added through the API, filtered by type', async () => {
    const { receiver: hook, url } = await receiver();
    const { base } = await start(mkdtempSync(join(tmpdir(), 'wa-hooks-')));
    const added = await post(base, '/api/webhooks', { url, secret: SECRET, types: 'message.received,message.sent' });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ ok: true, secret: SECRET, webhook: { url, types: ['message.received', 'message.sent'], source: 'api' } });
    await post(base, '/api/send', { phone_number: '15550100001', message: 'hook me' });
    await vi.waitFor(() => expect(hook.deliveries.map((d) => d.type).sort()).toEqual(['message.received', 'message.sent']));
    expect(hook.deliveries.every((d) => d.verified)).toBe(true);
    const incoming = hook.deliveries.find((d) => d.type === 'message.received')!;
    expect(incoming.body).toMatchObject({ type: 'message.received', chat_id: '15550100001@c.us', data: { message: { body: 'Echo: hook me' } } });
    expect(incoming.id).toBe(incoming.body.id);
    const list = (await (await fetch(`${base}/api/webhooks`)).json()) as { webhooks: Array<{ delivered: number; pending: number; secret?: string }> };
    expect(list.webhooks[0]).toMatchObject({ delivered: 2, pending: 0 });
    expect(JSON.stringify(list)).not.toContain(SECRET);
  });

  it('retries a failing receiver until it recovers; after dedup by id every event arrived exactly once', async () => {
    const { receiver: hook, url } = await receiver();
    const { base, gateway } = await start(mkdtempSync(join(tmpdir(), 'wa-hooks-')));
    const { body } = await post(base, '/api/webhooks', { url, secret: SECRET });
    const cursorAtAdd = gateway.events.cursor;
    hook.failWith = 500;
    for (const text of ['one', 'two', 'three']) await post(base, '/api/send', { phone_number: '15550100002', message: text });
    await vi.waitFor(async () => {
      const status = (await (await fetch(`${base}/api/webhooks/${body.webhook.id}/deliveries`)).json()) as { pending: Array<{ attempts: number; last_error: string }> };
      expect(status.pending[0]).toMatchObject({ last_error: 'HTTP 500' });
      expect(status.pending[0]!.attempts).toBeGreaterThanOrEqual(2);
    });
    hook.failWith = null;
    const expected = () => gateway.events.since(cursorAtAdd, {}, 1000).events.map((event) => event.id);
    await vi.waitFor(() => expect(hook.uniqueIds()).toEqual(expected()), { timeout: 8000 });
    expect(expected().length).toBeGreaterThanOrEqual(9);
    expect(hook.deliveries.every((d) => d.verified)).toBe(true);
    expect(Math.max(...hook.deliveries.map((d) => d.attempt))).toBeGreaterThan(1);
  }, 15_000);

  it('keeps queued deliveries across a gateway restart and delivers them once the receiver is back', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-hooks-'));
    const { receiver: hook, url } = await receiver();
    hook.failWith = 503;
    const first = await start(authDir);
    await post(first.base, '/api/webhooks', { url, secret: SECRET, types: 'message.received' });
    await post(first.base, '/api/send', { phone_number: '15550100001', message: 'before restart' });
    await vi.waitFor(() => expect(first.gateway.events.since('0', { types: new Set(['message.received']) }).events).toHaveLength(1));
    const queuedId = first.gateway.events.since('0', { types: new Set(['message.received']) }).events[0]!.id;
    await first.gateway.app.close();

    hook.failWith = null;
    const second = await start(authDir);
    await vi.waitFor(() => expect(hook.uniqueIds()).toContain(queuedId), { timeout: 5000 });
    expect(hook.deliveries.find((d) => d.id === queuedId)?.body.data).toMatchObject({ message: { body: 'Echo: before restart' } });
    const list = (await (await fetch(`${second.base}/api/webhooks`)).json()) as { webhooks: unknown[] };
    expect(list.webhooks).toHaveLength(1);
  });

  it('takes receivers from the environment, which the API cannot remove', async () => {
    const { receiver: hook, url } = await receiver();
    const { base } = await start(mkdtempSync(join(tmpdir(), 'wa-hooks-')), {
      WHATSAPP_WEBHOOK_URLS: url,
      WHATSAPP_WEBHOOK_SECRET: SECRET,
      WHATSAPP_WEBHOOK_TYPES: 'message.sent',
    });
    await post(base, '/api/send', { phone_number: '15550100001', message: 'from env' });
    await vi.waitFor(() => expect(hook.deliveries.map((d) => d.type)).toEqual(['message.sent']));
    expect(hook.deliveries[0]!.verified).toBe(true);
    const list = (await (await fetch(`${base}/api/webhooks`)).json()) as { webhooks: Array<{ id: string; source: string }> };
    expect(list.webhooks[0]!.source).toBe('env');
    const removal = await fetch(`${base}/api/webhooks/${list.webhooks[0]!.id}`, { method: 'DELETE' });
    expect(removal.status).toBe(400);
  });

  it('validates receivers and removes API ones with their pending deliveries', async () => {
    const { base } = await start(mkdtempSync(join(tmpdir(), 'wa-hooks-')));
    expect((await post(base, '/api/webhooks', { url: 'ftp://example.com' })).status).toBe(400);
    expect((await post(base, '/api/webhooks', { url: 'http://127.0.0.1:9/x', types: 'message.exploded' })).status).toBe(400);
    expect((await post(base, '/api/webhooks', { url: 'http://127.0.0.1:9/x', secret: 'short' })).status).toBe(400);
    const added = await post(base, '/api/webhooks', { url: 'http://127.0.0.1:9/x' });
    expect(added.body.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await fetch(`${base}/api/webhooks/${added.body.webhook.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${base}/api/webhooks/${added.body.webhook.id}/deliveries`)).status).toBe(404);
  });
});
