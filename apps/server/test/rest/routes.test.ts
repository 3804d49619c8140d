import { PAIRING_INSTRUCTIONS, SANDBOX_CONTACTS } from '@wa/core';
import { describe, expect, it, vi } from 'vitest';
import { fetchJson, gatewayPerTest, linkPhone, postJson } from './harness.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Status {
  state: string;
  has_qr: boolean;
  ready: boolean;
}

describe('REST routes over a real socket (sandbox driver)', () => {
  const startGateway = gatewayPerTest();

  describe('service and status', () => {
    it('answers GET / and GET /health with the service name, the MCP URL and the status', async () => {
      const { base } = await startGateway();
      for (const path of ['/', '/health']) {
        const response = await fetch(`${base}${path}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await response.json()).toMatchObject({ ok: true, name: 'whatsapp-mcp-api', mcp: 'http://127.0.0.1:8790/mcp', status: { state: 'stopped' } });
      }
    });

    it('reports the status on GET /api/status without ever starting a browser', async () => {
      const gateway = await startGateway();
      for (let i = 0; i < 3; i += 1) {
        const { status, body } = await fetchJson(`${gateway.base}/api/status`);
        expect(status).toBe(200);
        expect(body).toMatchObject({ state: 'stopped', ready: false, has_qr: false });
      }
      expect(gateway.createCalls()).toBe(0);
    });
  });

  describe('POST /api/auth/start', () => {
    it('starts the client once however often it is called, and answers the status', async () => {
      const gateway = await startGateway();
      const [first, second] = await Promise.all([
        fetchJson<Status>(`${gateway.base}/api/auth/start`, { method: 'POST' }),
        fetchJson<Status>(`${gateway.base}/api/auth/start`, { method: 'POST' }),
      ]);
      const third = await fetchJson<Status>(`${gateway.base}/api/auth/start`, { method: 'POST' });
      for (const answer of [first, second, third]) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ state: 'qr', has_qr: true, ready: false });
      }
      expect(gateway.createCalls()).toBe(1);
    });

    it('accepts an old client that posts with no body and no content type', async () => {
      const { base } = await startGateway();
      const response = await fetch(`${base}/api/auth/start`, { method: 'POST' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ state: 'qr' });
    });

    it('accepts an old client that posts content-type application/json with an empty body', async () => {
      const { base } = await startGateway();
      const response = await fetch(`${base}/api/auth/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ state: 'qr' });
    });
  });

  it('accepts JSON bodies whose content type has a charset or other casing', async () => {
    const gateway = await startGateway();
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      const init = { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ phone_number: '15551234567' }) };
      expect(await fetchJson(`${gateway.base}/api/pairing-code`, init)).toMatchObject({ status: 200, body: { phone_number: '15551234567' } });
    }
  });

  describe('POST /api/pairing-code', () => {
    it('issues an 8-character code for the digits of the number while not linked', async () => {
      const gateway = await startGateway();
      const { status, body } = await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: '+1 (555) 123-4567' }));
      expect(status).toBe(200);
      expect(body).toEqual({ already_authenticated: false, phone_number: '15551234567', code: expect.stringMatching(/^[A-Z0-9]{8}$/), instructions: PAIRING_INSTRUCTIONS });
      const qr = await fetchJson(`${gateway.base}/api/qr`);
      expect(qr.body).toMatchObject({ state: 'qr', pairing_code: { code: body['code'], phone_number: '15551234567' } });
    });

    it('answers already_authenticated with the status and no code once ready', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const { status, body } = await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: '15551234567' }));
      expect(status).toBe(200);
      expect(body).toEqual({ already_authenticated: true, code: null, status: expect.objectContaining({ state: 'ready', ready: true }) });
    });
  });

  describe('messaging once linked', () => {
    it("sends by phone_number and reads the message back in that chat, before the contact's reply", async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const sent = await fetchJson(`${gateway.base}/api/send`, postJson({ phone_number: '+1 555 010 0002', message: 'See you Friday' }));
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ ok: true, to: '15550100002', chat_id: SANDBOX_CONTACTS.bob });
      // The sandbox contact echoes every message; once the echo is in, ours is the one before it.
      const read = await vi.waitFor(async () => {
        const answer = await fetchJson<{ messages: Array<{ id: string; body: string; from_me: boolean }> }>(
          `${gateway.base}/api/messages?phone_number=15550100002&limit=2`,
        );
        expect(answer.body.messages.at(-1)?.body).toBe('Echo: See you Friday');
        return answer;
      });
      expect(read.status).toBe(200);
      expect(read.body.messages[0]).toMatchObject({ id: sent.body['message_id'], body: 'See you Friday', from_me: true });
    });

    it('sends to a group by chat_id', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const sent = await fetchJson(`${gateway.base}/api/send`, postJson({ chat_id: SANDBOX_CONTACTS.team, message: 'Hello team' }));
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ ok: true, to: '120363000000000001', chat_id: SANDBOX_CONTACTS.team });
      const read = await fetchJson<{ messages: Array<{ body: string }> }>(`${gateway.base}/api/messages`, postJson({ chat_id: SANDBOX_CONTACTS.team, limit: 1 }));
      expect(read.body.messages.map((message) => message.body)).toEqual(['Hello team']);
    });

    it('lists chats most recent first, up to limit, 20 by default', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const seeded = await fetchJson<{ count: number; chats: Array<{ id: string }> }>(`${gateway.base}/api/chats`);
      expect(seeded.status).toBe(200);
      expect(seeded.body.chats.map((chat) => chat.id)).toEqual([SANDBOX_CONTACTS.alice, SANDBOX_CONTACTS.team, SANDBOX_CONTACTS.bob]);
      expect(seeded.body.count).toBe(3);

      await fetchJson(`${gateway.base}/api/send`, postJson({ phone_number: '15550100002', message: 'Bob goes first now' }));
      const limited = await fetchJson<{ count: number; chats: Array<{ id: string; timestamp: number }> }>(`${gateway.base}/api/chats?limit=2`);
      expect(limited.body.chats.map((chat) => chat.id)).toEqual([SANDBOX_CONTACTS.bob, SANDBOX_CONTACTS.alice]);
      expect(limited.body.count).toBe(2);
    });

    it('reads messages oldest first with GET (phone_number) and POST (phone_number or chat_id), 10 by default', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const expected = ['Are we still on for Friday?', 'Yes, 7pm.'];
      const answers = [
        await fetchJson(`${gateway.base}/api/messages?phone_number=%2B1%20555%20010%200002`),
        await fetchJson(`${gateway.base}/api/messages`, postJson({ phone_number: '15550100002' })),
        await fetchJson(`${gateway.base}/api/messages`, postJson({ chat_id: SANDBOX_CONTACTS.bob, limit: 10 })),
      ];
      for (const { status, body } of answers) {
        expect(status).toBe(200);
        const { chat, count, messages } = body as { chat: { id: string }; count: number; messages: Array<{ body: string; timestamp: number }> };
        expect(chat.id).toBe(SANDBOX_CONTACTS.bob);
        expect(messages.map((message) => message.body)).toEqual(expected);
        expect(messages[0]!.timestamp).toBeLessThan(messages[1]!.timestamp);
        expect(count).toBe(2);
      }
    });

    it('reads only the last `limit` messages', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const { body } = await fetchJson<{ messages: Array<{ body: string }> }>(`${gateway.base}/api/messages?phone_number=15550100002&limit=1`);
      expect(body.messages.map((message) => message.body)).toEqual(['Yes, 7pm.']);
    });
  });

  it('converts scalars losslessly: a phone_number sent as a JSON number, a limit sent as a string', async () => {
    const gateway = await startGateway();
    const pairing = await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: 15551234567 }));
    expect(pairing.status).toBe(200);
    expect(pairing.body).toMatchObject({ already_authenticated: false, phone_number: '15551234567' });
    await linkPhone(gateway);
    const read = await fetchJson<{ messages: Array<{ body: string }> }>(`${gateway.base}/api/messages`, postJson({ phone_number: 15550100002, limit: '1' }));
    expect(read.status).toBe(200);
    expect(read.body.messages.map((message) => message.body)).toEqual(['Yes, 7pm.']);
  });

  describe('POST /api/logout', () => {
    it('unlinks the device and returns the session to stopped', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      const { status, body } = await fetchJson(`${gateway.base}/api/logout`, { method: 'POST' });
      expect(status).toBe(200);
      expect(body).toEqual({ ok: true });
      expect((await fetchJson(`${gateway.base}/api/status`)).body).toMatchObject({ state: 'stopped', ready: false, account: null });
      expect(gateway.factory.world.linked).toBe(false);
    });

    it('answers { ok: true } again when already logged out', async () => {
      const { base } = await startGateway();
      for (let i = 0; i < 2; i += 1) expect(await fetchJson(`${base}/api/logout`, { method: 'POST' })).toMatchObject({ status: 200, body: { ok: true } });
      expect((await fetchJson(`${base}/api/status`)).body).toMatchObject({ state: 'stopped' });
    });
  });

  describe('linking pages', () => {
    it('serves /qr as an uncached, self-refreshing page that says "No QR yet" before a start', async () => {
      const { base } = await startGateway();
      const response = await fetch(`${base}/qr`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toMatch(/no-store/);
      const html = await response.text();
      expect(html).toMatch(/<meta http-equiv="refresh" content="5">/);
      expect(html).toContain('State: <strong>stopped</strong>');
      expect(html).toContain('No QR yet');
      expect(html).not.toContain('<img');
    });

    it('shows the waiting QR on /qr as an inline PNG image with the state', async () => {
      const gateway = await startGateway();
      await gateway.session.start();
      const html = await (await fetch(`${gateway.base}/qr`)).text();
      expect(html).toContain('State: <strong>qr</strong>');
      const dataUrl = /<img id="qr" src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/.exec(html);
      expect(dataUrl).not.toBeNull();
      expect(Buffer.from(dataUrl![1]!, 'base64').subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(html).not.toContain('No QR yet');
    });

    it('shows the active pairing code on /qr', async () => {
      const gateway = await startGateway();
      const { body } = await fetchJson(`${gateway.base}/api/pairing-code`, postJson({ phone_number: '15551234567' }));
      const html = await (await fetch(`${gateway.base}/qr`)).text();
      expect(html).toContain(`<p class="code" id="pairing-code">${String(body['code'])}</p>`);
      expect(html).toContain('+15551234567');
    });

    it('serves /qr.png as an uncached PNG while a QR waits', async () => {
      const gateway = await startGateway();
      await gateway.session.start();
      const response = await fetch(`${gateway.base}/qr.png`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('cache-control')).toMatch(/no-store/);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 8)).toEqual(PNG_SIGNATURE);
    });

    it('answers /qr.png with 404 no_qr when no QR waits, before a start and once linked', async () => {
      const gateway = await startGateway();
      const before = await fetchJson(`${gateway.base}/qr.png`);
      expect(before.status).toBe(404);
      expect(before.body).toMatchObject({ ok: false, error: { code: 'no_qr' } });
      await linkPhone(gateway);
      expect((await fetchJson(`${gateway.base}/qr.png`)).body).toMatchObject({ ok: false, error: { code: 'no_qr' } });
    });

    it('gives the raw QR string on /api/qr while one waits and null otherwise', async () => {
      const gateway = await startGateway();
      expect((await fetchJson(`${gateway.base}/api/qr`)).body).toEqual({ state: 'stopped', qr: null, pairing_code: null });
      await gateway.session.start();
      const waiting = await fetchJson(`${gateway.base}/api/qr`);
      expect(waiting.headers.get('cache-control')).toMatch(/no-store/);
      expect(waiting.body).toEqual({ state: 'qr', qr: gateway.session.snapshot().qr, pairing_code: null });
      expect(waiting.body['qr']).toMatch(/^2@/);
      await linkPhone(gateway);
      expect((await fetchJson(`${gateway.base}/api/qr`)).body).toEqual({ state: 'ready', qr: null, pairing_code: null });
    });
  });
});
