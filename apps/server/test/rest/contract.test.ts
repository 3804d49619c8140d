import { SANDBOX_CONTACTS } from '@wa/core';
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTH_DIR, CONTRACT_STATES, fetchJson, gatewayPerTest, jsonType, linkPhone, postJson, shapeOf, type RunningGateway } from './harness.js';

/** The status fields of the wire contract and their JSON types while no account is linked. */
const STATUS_SHAPE_UNLINKED = {
  state: 'string',
  ready: 'boolean',
  authenticated: 'boolean',
  auth_dir: 'string',
  chrome_executable: 'string',
  headless: 'boolean',
  has_qr: 'boolean',
  last_error: 'null',
  account: 'null',
};
/** Fields the gateway added; the contract allows new fields on the status object only. */
const STATUS_ADDITIONS = { driver: 'string', has_pairing_code: 'boolean', state_since: 'string', restart_attempts: 'integer', next_restart_at: 'null' };

const MESSAGE_SHAPE = { id: 'string', from: 'string', to: 'string', author: 'null', from_me: 'boolean', type: 'string', body: 'string', timestamp: 'integer', has_media: 'boolean', quoted_message_id: 'null', mentions: 'array', media: 'null', location: 'null' };
const CHAT_SHAPE = {
  id: 'string',
  name: 'string',
  is_group: 'boolean',
  is_read_only: 'boolean',
  unread_count: 'integer',
  timestamp: 'integer',
  archived: 'boolean',
  pinned: 'boolean',
  muted: 'boolean',
  last_message: 'object',
};
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

function expectIsoTime(value: unknown): void {
  expect(value).toMatch(ISO_8601);
  expect(new Date(value as string).toISOString()).toBe(value);
}

async function status(gateway: RunningGateway): Promise<Record<string, unknown>> {
  const { status: code, body } = await fetchJson(`${gateway.base}/api/status`);
  expect(code).toBe(200);
  return body;
}

function expectStatusObject(body: Record<string, unknown>, expected: { state: string; account: 'null' | 'object' }): void {
  expect(shapeOf(body)).toEqual({ ...STATUS_SHAPE_UNLINKED, ...STATUS_ADDITIONS, account: expected.account, last_error: jsonType(body['last_error']) });
  expect(['null', 'string']).toContain(jsonType(body['last_error']));
  expect(CONTRACT_STATES).toContain(body['state']);
  expect(body['state']).toBe(expected.state);
  expect(body['auth_dir']).toBe(AUTH_DIR);
  expect(isAbsolute(body['auth_dir'] as string)).toBe(true);
  expect(body['driver']).toBe('sandbox');
  expectIsoTime(body['state_since']);
}

function expectMessageSummary(message: Record<string, unknown>, inGroup: boolean): void {
  expect(shapeOf(message)).toEqual({ ...MESSAGE_SHAPE, author: inGroup && !message['from_me'] ? 'string' : 'null' });
}

function expectChatSummary(chat: Record<string, unknown>): void {
  expect(shapeOf(chat)).toEqual(CHAT_SHAPE);
  expect(chat['timestamp']).toBe((chat['last_message'] as Record<string, unknown>)['timestamp']);
  expect(chat['is_group']).toBe((chat['id'] as string).endsWith('@g.us'));
  expectMessageSummary(chat['last_message'] as Record<string, unknown>, chat['is_group'] as boolean);
}

describe('the wire contract, field by field, over a real socket', () => {
  const startGateway = gatewayPerTest();

  describe('the status object', () => {
    it('has every contract field with its JSON type, and account null, while stopped', async () => {
      const gateway = await startGateway();
      const body = await status(gateway);
      expectStatusObject(body, { state: 'stopped', account: 'null' });
      expect(body).toMatchObject({ ready: false, authenticated: false, has_qr: false, last_error: null, has_pairing_code: false });
    });

    it('keeps account null and reports has_qr while a QR waits', async () => {
      const gateway = await startGateway();
      const started = await fetchJson(`${gateway.base}/api/auth/start`, { method: 'POST' });
      expectStatusObject(started.body, { state: 'qr', account: 'null' });
      expect(started.body).toMatchObject({ ready: false, authenticated: false, has_qr: true });
      expect(await status(gateway)).toEqual(started.body);
    });

    it('reports has_pairing_code and no QR while a pairing code waits', async () => {
      const gateway = await startGateway();
      await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: '15551234567' }));
      const body = await status(gateway);
      expectStatusObject(body, { state: 'qr', account: 'null' });
      expect(body).toMatchObject({ has_qr: false, has_pairing_code: true });
    });

    it('sets account to exactly { wid, pushname, platform } only while ready', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const body = await status(gateway);
      expectStatusObject(body, { state: 'ready', account: 'object' });
      expect(body).toMatchObject({ ready: true, authenticated: true, has_qr: false });
      expect(body['account']).toEqual({ wid: '15551234567@c.us', pushname: 'Sandbox User', platform: 'sandbox' });

      await fetchJson(`${gateway.base}/api/logout`, { method: 'POST' });
      expectStatusObject(await status(gateway), { state: 'stopped', account: 'null' });
    });

    it('is the same object inside GET /health, which has exactly { ok, name, mcp, status }', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const { body } = await fetchJson(`${gateway.base}/health`);
      expect(shapeOf(body)).toEqual({ ok: 'boolean', name: 'string', mcp: 'string', status: 'object' });
      expect(body).toMatchObject({ ok: true, name: 'whatsapp-mcp-api', mcp: 'http://127.0.0.1:8790/mcp' });
      expect(body['status']).toEqual(await status(gateway));
    });
  });

  describe('chat and message summaries', () => {
    it('lists chats as { ok, count, chats } of chat summaries with exactly the contract fields', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const { body } = await fetchJson<{ ok: boolean; count: number; chats: Array<Record<string, unknown>> }>(`${gateway.base}/api/chats`);
      expect(shapeOf(body)).toEqual({ ok: 'boolean', count: 'integer', chats: 'array' });
      expect(body.ok).toBe(true);
      expect(body.count).toBe(body.chats.length);
      expect(body.chats.length).toBeGreaterThan(0);
      for (const chat of body.chats) expectChatSummary(chat);
      expect(body.chats.find((chat) => chat['id'] === SANDBOX_CONTACTS.team)).toMatchObject({ is_group: true, name: 'Sandbox Team' });
    });

    it('reads messages as { ok, chat, count, messages } with exactly the message summary fields', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      for (const [chatId, inGroup] of [[SANDBOX_CONTACTS.bob, false], [SANDBOX_CONTACTS.team, true]] as const) {
        const { body } = await fetchJson<{ ok: boolean; chat: Record<string, unknown>; count: number; messages: Array<Record<string, unknown>> }>(
          `${gateway.base}/api/messages`,
          postJson({ chat_id: chatId }),
        );
        expect(shapeOf(body)).toEqual({ ok: 'boolean', chat: 'object', count: 'integer', messages: 'array' });
        expect(body.ok).toBe(true);
        expectChatSummary(body.chat);
        expect(body.count).toBe(body.messages.length);
        for (const message of body.messages) expectMessageSummary(message, inGroup);
      }
    });

    it('gives the author of group messages from others, and null in one-to-one chats', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const group = await fetchJson<{ messages: Array<Record<string, unknown>> }>(`${gateway.base}/api/messages`, postJson({ chat_id: SANDBOX_CONTACTS.team }));
      expect(group.body.messages.map((message) => message['author'])).toEqual([SANDBOX_CONTACTS.alice, SANDBOX_CONTACTS.bob]);
      const direct = await fetchJson<{ messages: Array<Record<string, unknown>> }>(`${gateway.base}/api/messages?phone_number=15550100002`);
      expect(direct.body.messages.map((message) => message['author'])).toEqual([null, null]);
      expect(direct.body.messages.map((message) => [message['from'], message['to'], message['from_me']])).toEqual([
        [SANDBOX_CONTACTS.bob, '15551234567@c.us', false],
        ['15551234567@c.us', SANDBOX_CONTACTS.bob, true],
      ]);
    });
  });

  describe('results of actions', () => {
    it('answers a send with exactly { ok, to, chat_id, message_id, timestamp } and an ISO-8601 timestamp', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const before = Date.now();
      const { body } = await fetchJson(`${gateway.base}/api/send`, postJson({ phone_number: '+1 555 010 0001', message: 'contract' }));
      expect(shapeOf(body)).toEqual({ ok: 'boolean', to: 'string', chat_id: 'string', message_id: 'string', timestamp: 'string' });
      expect(body).toMatchObject({ ok: true, to: '15550100001', chat_id: '15550100001@c.us' });
      expect(body['message_id']).not.toBe('');
      expectIsoTime(body['timestamp']);
      expect(Date.parse(body['timestamp'] as string)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    });

    it('answers a pairing code while not linked with exactly { already_authenticated, phone_number, code, instructions }', async () => {
      const gateway = await startGateway();
      const { body } = await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: '15551234567' }));
      expect(shapeOf(body)).toEqual({ already_authenticated: 'boolean', phone_number: 'string', code: 'string', instructions: 'string' });
      expect(body['already_authenticated']).toBe(false);
      expect(body['phone_number']).toMatch(/^\d{8,15}$/);
      expect(body['code']).toHaveLength(8);
      expect(body['instructions']).toMatch(/Linked devices/);
    });

    it('answers a pairing code once ready with exactly { already_authenticated, code, status }', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const { body } = await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: '15551234567' }));
      expect(shapeOf(body)).toEqual({ already_authenticated: 'boolean', code: 'null', status: 'object' });
      expect(body['already_authenticated']).toBe(true);
      expectStatusObject(body['status'] as Record<string, unknown>, { state: 'ready', account: 'object' });
    });

    it('answers auth/start with the status object and logout with exactly { ok: true }', async () => {
      const gateway = await startGateway();
      const started = await fetchJson(`${gateway.base}/api/auth/start`, { method: 'POST' });
      expectStatusObject(started.body, { state: 'qr', account: 'null' });
      const loggedOut = await fetchJson(`${gateway.base}/api/logout`, { method: 'POST' });
      expect(loggedOut.body).toEqual({ ok: true });
    });
  });
});
