import { SANDBOX_CONTACTS } from '@wa/core';
import { describe, expect, it } from 'vitest';
import { fetchJson, gatewayPerTest, linkPhone, postJson, type JsonResponse, type RunningGateway } from './harness.js';

interface ErrorBody {
  ok: false;
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** The one error shape: `{ ok: false, error: { code, message } }` (plus optional safe details). */
function expectError(answer: JsonResponse<unknown>, status: number, code: string): ErrorBody {
  expect({ status: answer.status, code: (answer.body as ErrorBody).error?.code }).toEqual({ status, code });
  const body = answer.body as ErrorBody;
  expect(Object.keys(body).sort()).toEqual(['error', 'ok']);
  expect(body.ok).toBe(false);
  expect(['code', 'details', 'message']).toEqual(expect.arrayContaining(Object.keys(body.error)));
  expect(body.error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(10);
  return body;
}

function rawPost(body: string, contentType: string | null = 'application/json'): RequestInit {
  return { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body };
}

const BAD_INPUTS: Array<{ name: string; path: string; init?: RequestInit; code: string }> = [
  { name: 'send without message', path: '/api/send', init: postJson({ phone_number: '15551234567' }), code: 'invalid_input' },
  { name: 'send without recipient', path: '/api/send', init: postJson({ message: 'hi' }), code: 'invalid_input' },
  { name: 'pairing code without phone_number', path: '/api/pairing-code', init: postJson({}), code: 'invalid_input' },
  { name: 'send with phone_number as an array', path: '/api/send', init: postJson({ phone_number: ['15551234567'], message: 'hi' }), code: 'invalid_input' },
  { name: 'send with a boolean message', path: '/api/send', init: postJson({ phone_number: '15551234567', message: true }), code: 'invalid_input' },
  { name: 'send with an empty message', path: '/api/send', init: postJson({ phone_number: '15551234567', message: '' }), code: 'invalid_input' },
  { name: 'send with message as an array', path: '/api/send', init: postJson({ phone_number: '15551234567', message: ['hi'] }), code: 'invalid_input' },
  { name: 'pairing code with phone_number as an object', path: '/api/pairing-code', init: postJson({ phone_number: { digits: '15551234567' } }), code: 'invalid_input' },
  { name: 'chats limit 1.5', path: '/api/chats?limit=1.5', code: 'invalid_input' },
  { name: 'send to a 3-digit number', path: '/api/send', init: postJson({ phone_number: '12-3', message: 'hi' }), code: 'invalid_phone_number' },
  { name: 'send to a 16-digit number', path: '/api/send', init: postJson({ phone_number: '1234567890123456', message: 'hi' }), code: 'invalid_phone_number' },
  { name: 'pairing code for letters', path: '/api/pairing-code', init: postJson({ phone_number: 'call me' }), code: 'invalid_phone_number' },
  { name: 'read a short number', path: '/api/messages?phone_number=1234567', code: 'invalid_phone_number' },
  { name: 'send to an email address as chat_id', path: '/api/send', init: postJson({ chat_id: 'me@example.com', message: 'hi' }), code: 'invalid_chat_id' },
  { name: 'read a chat_id with spaces', path: '/api/messages', init: postJson({ chat_id: 'not a chat' }), code: 'invalid_chat_id' },
  { name: 'send with phone_number and chat_id', path: '/api/send', init: postJson({ phone_number: '15551234567', chat_id: '15551234567@c.us', message: 'hi' }), code: 'invalid_input' },
  { name: 'read with phone_number and chat_id', path: '/api/messages', init: postJson({ phone_number: '15551234567', chat_id: SANDBOX_CONTACTS.team }), code: 'invalid_input' },
  { name: 'chats limit 0', path: '/api/chats?limit=0', code: 'invalid_input' },
  { name: 'chats limit 101', path: '/api/chats?limit=101', code: 'invalid_input' },
  { name: 'chats limit abc', path: '/api/chats?limit=abc', code: 'invalid_input' },
  { name: 'GET messages limit 0', path: '/api/messages?phone_number=15551234567&limit=0', code: 'invalid_input' },
  { name: 'POST messages limit 101', path: '/api/messages', init: postJson({ phone_number: '15551234567', limit: 101 }), code: 'invalid_input' },
  { name: 'POST messages limit "abc"', path: '/api/messages', init: postJson({ phone_number: '15551234567', limit: 'abc' }), code: 'invalid_input' },
  { name: 'broken JSON', path: '/api/send', init: rawPost('{"phone_number": "15551234567", "message": '), code: 'invalid_json' },
  { name: 'a JSON array body', path: '/api/pairing-code', init: rawPost('["15551234567"]'), code: 'invalid_input' },
];

describe('REST errors over a real socket', () => {
  const startGateway = gatewayPerTest();

  describe('400 for bad input, answered before any browser work', () => {
    it.each(BAD_INPUTS)('refuses $name with 400 $code', async ({ path, init, code }) => {
      const gateway = await startGateway();
      expectError(await fetchJson(`${gateway.base}${path}`, init), 400, code);
      expect(gateway.createCalls()).toBe(0);
      expect(gateway.session.state).toBe('stopped');
    });

    it('names the offending field of a wrong type in the message', async () => {
      const { base } = await startGateway();
      const body = expectError(await fetchJson(`${base}/api/send`, postJson({ phone_number: '15551234567', message: true })), 400, 'invalid_input');
      expect(body.error.message).toContain('message');
    });

    it('never answers 500 to malformed bodies and queries on any route', async () => {
      const gateway = await startGateway();
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      // Each body is invalid for every one of the three routes (unknown fields are dropped, so they cannot make it so).
      const bodies = ['"15551234567"', '42', 'true', 'null', '[]', deep, '{"phone_number":{}}', '{"phone_number":["15551234567"],"message":"hi"}',
        '{"phone_number":null,"message":"hi"}', `{"phone_number":"${'1'.repeat(40)}","message":"hi"}`, '{"phone_number":1e400,"message":"hi"}',
        '{"__proto__":{"phone_number":"15551234567"}}', '{"phone_number":"١٢٣٤٥٦٧٨٩٠","message":"hi"}', '{"chat_id":"😀@g.us","message":"hi"}',
        '\u0000', '{"a":1}{"b":2}'];
      const queries = ['/api/chats?limit=-1', '/api/chats?limit=1.5', '/api/chats?limit=%00', '/api/chats?limit=1&limit=2', '/api/chats?limit=',
        '/api/messages', '/api/messages?phone_number=', '/api/messages?chat_id=%F0%9F%98%80', '/api/messages?phone_number=15551234567&limit=1e9'];
      const answers: Array<{ request: string; status: number }> = [];
      for (const path of ['/api/send', '/api/pairing-code', '/api/messages']) {
        for (const body of bodies) answers.push({ request: `POST ${path} ${body.slice(0, 40)}`, status: (await fetch(`${gateway.base}${path}`, rawPost(body))).status });
      }
      for (const path of queries) answers.push({ request: `GET ${path}`, status: (await fetch(`${gateway.base}${path}`)).status });
      expect(answers.filter(({ status }) => status !== 400)).toEqual([]);
      expect(gateway.createCalls()).toBe(0);
    });
  });

  describe('routes and methods', () => {
    it('answers an unknown route with 404 not_found, whatever the method', async () => {
      const { base } = await startGateway();
      expectError(await fetchJson(`${base}/api/unknown`), 404, 'not_found');
      expectError(await fetchJson(`${base}/api/sendMessage`, postJson({})), 404, 'not_found');
    });

    it('answers a known path with the wrong method with 405 and an Allow header', async () => {
      const { base } = await startGateway();
      const cases: Array<[string, string, string[]]> = [
        ['GET', '/api/send', ['POST']],
        ['POST', '/api/status', ['GET']],
        ['GET', '/api/logout', ['POST']],
        ['DELETE', '/api/messages', ['GET', 'POST']],
      ];
      for (const [method, path, allowed] of cases) {
        const answer = await fetchJson(`${base}${path}`, { method });
        expectError(answer, 405, 'method_not_allowed');
        expect(answer.headers.get('allow')?.split(/,\s*/)).toEqual(expect.arrayContaining(allowed));
      }
    });
  });

  describe('bodies', () => {
    it('refuses a body over 1 MiB with 413 body_too_large', async () => {
      const gateway = await startGateway();
      const message = 'x'.repeat(1024 * 1024);
      expectError(await fetchJson(`${gateway.base}/api/send`, postJson({ phone_number: '15551234567', message })), 413, 'body_too_large');
      expect(gateway.createCalls()).toBe(0);
    });

    it.each([
      ['text/plain', 'phone_number=15551234567&message=hi'],
      ['application/x-www-form-urlencoded', 'phone_number=15551234567&message=hi'],
      ['text/plain;charset=UTF-8', '{"phone_number":"15551234567","message":"hi"}'],
    ])('refuses a %s body with 415 unsupported_media_type and starts nothing', async (contentType, body) => {
      const gateway = await startGateway();
      for (const path of ['/api/send', '/api/auth/start', '/api/logout']) {
        expectError(await fetchJson(`${gateway.base}${path}`, rawPost(body, contentType)), 415, 'unsupported_media_type');
      }
      expect(gateway.createCalls()).toBe(0);
    });
  });

  describe('503 while the session is not usable', () => {
    async function expectNotReady(gateway: RunningGateway, init: RequestInit, code: string, state: string): Promise<number> {
      const startedAt = performance.now();
      const answer = await fetchJson(`${gateway.base}/api/send`, init);
      const elapsed = performance.now() - startedAt;
      const body = expectError(answer, 503, code);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(body.error.details).toEqual({ state });
      return elapsed;
    }

    it('starts the client for a send and answers session_not_linked with Retry-After while a QR waits', async () => {
      const gateway = await startGateway();
      await expectNotReady(gateway, postJson({ phone_number: '15551234567', message: 'hi' }), 'session_not_linked', 'qr');
      expect(gateway.createCalls()).toBe(1);
      expectError(await fetchJson(`${gateway.base}/api/chats`), 503, 'session_not_linked');
      expectError(await fetchJson(`${gateway.base}/api/messages?phone_number=15551234567`), 503, 'session_not_linked');
    });

    it('answers session_not_ready once the configured wait runs out while the browser is still starting', async () => {
      const gateway = await startGateway({ holdStart: true, env: { WHATSAPP_READY_WAIT_MS: '300' } });
      const elapsed = await expectNotReady(gateway, postJson({ phone_number: '15551234567', message: 'hi' }), 'session_not_ready', 'starting');
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(gateway.session.state).toBe('starting');
    });

    it('answers at once with Prefer: wait=0 while the browser is still starting', async () => {
      const gateway = await startGateway({ holdStart: true, env: { WHATSAPP_READY_WAIT_MS: '30000' } });
      const elapsed = await expectNotReady(gateway, postJson({ phone_number: '15551234567', message: 'hi' }, { prefer: 'wait=0' }), 'session_not_ready', 'starting');
      expect(elapsed).toBeLessThan(3000);
    });

    it('waits about the preferred seconds with Prefer: wait=1', async () => {
      const gateway = await startGateway({ holdStart: true, env: { WHATSAPP_READY_WAIT_MS: '30000' } });
      const elapsed = await expectNotReady(gateway, postJson({ phone_number: '15551234567', message: 'hi' }, { prefer: 'wait=1' }), 'session_not_ready', 'starting');
      expect(elapsed).toBeGreaterThanOrEqual(950);
      expect(elapsed).toBeLessThan(5000);
    });
  });

  describe('404 for a chat that does not exist', () => {
    it('answers chat_not_found for reading an unknown chat and sending to an unknown group', async () => {
      const gateway = await startGateway();
      await linkPhone(gateway);
      expectError(await fetchJson(`${gateway.base}/api/messages?phone_number=15559999999`), 404, 'chat_not_found');
      expectError(await fetchJson(`${gateway.base}/api/messages`, postJson({ chat_id: '120363999999999999@g.us' })), 404, 'chat_not_found');
      expectError(await fetchJson(`${gateway.base}/api/send`, postJson({ chat_id: '120363999999999999@g.us', message: 'hi' })), 404, 'chat_not_found');
    });
  });
});
