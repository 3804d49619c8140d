import { SANDBOX_CONTACTS } from '@wa/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchJson, gatewayPerTest, linkPhone, postJson, type RunningGateway } from '../rest/harness.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e2b0d40000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% sandbox menu\n%%EOF\n');

const startGateway = gatewayPerTest();
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function ready(env: Record<string, string> = {}): Promise<RunningGateway> {
  const gateway = await startGateway({ env });
  await fetch(`${gateway.base}/api/auth/start`, { method: 'POST' });
  await linkPhone(gateway);
  return gateway;
}

async function download(gateway: RunningGateway, messageId: string): Promise<Response> {
  return fetch(`${gateway.base}/api/media?message_id=${encodeURIComponent(messageId)}`);
}

describe('media over REST (sandbox)', () => {
  it('sends base64 JSON, and streams the same bytes back as a sandboxed attachment', async () => {
    const gateway = await ready();
    const sent = await fetchJson(`${gateway.base}/api/send-media`, postJson({ phone_number: '15550100001', media: { data_base64: PNG.toString('base64') }, caption: 'A dot' }));
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ ok: true, to: '15550100001', chat_id: SANDBOX_CONTACTS.alice, media: { type: 'image', mimetype: 'image/png', filename: 'file.png', size: PNG.length } });

    const file = await download(gateway, String(sent.body['message_id']));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="file.png"; filename*=UTF-8''file.png`);
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    const json = await fetchJson(`${gateway.base}/api/media/download`, postJson({ message_id: sent.body['message_id'] }));
    expect(json.status).toBe(200);
    expect(Buffer.from(String(json.body['data_base64']), 'base64').equals(PNG)).toBe(true);
  });

  it('accepts a multipart upload with its fields, as a document or a voice note', async () => {
    const gateway = await ready();
    const form = new FormData();
    form.set('chat_id', SANDBOX_CONTACTS.bob);
    form.set('caption', 'Menu for Friday');
    form.set('file', new Blob([PDF], { type: 'application/pdf' }), 'menú.pdf');
    const sent = await fetchJson(`${gateway.base}/api/send-media`, { method: 'POST', body: form });
    expect(sent.status).toBe(200);
    expect(sent.body['media']).toEqual({ type: 'document', mimetype: 'application/pdf', filename: 'menú.pdf', size: PDF.length });
    const file = await download(gateway, String(sent.body['message_id']));
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="men_.pdf"; filename*=UTF-8''men%C3%BA.pdf`);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

    const voice = new FormData();
    voice.set('phone_number', '15550100002');
    voice.set('send_as', 'voice');
    voice.set('file', new Blob([Buffer.from('OggS voice')], { type: 'audio/ogg' }), 'note.ogg');
    const note = await fetchJson(`${gateway.base}/api/send-media`, { method: 'POST', body: voice });
    expect(note.status).toBe(200);
    expect(note.body['media']).toMatchObject({ type: 'ptt', mimetype: 'audio/ogg' });
  });

  it('replies with media and mentions: the quote must be a message of the chat', async () => {
    const gateway = await ready();
    const [incoming] = gateway.factory.world.readMessages(SANDBOX_CONTACTS.alice, 1);
    const sent = await fetchJson(`${gateway.base}/api/send-media`, postJson({
      chat_id: SANDBOX_CONTACTS.alice,
      media: { data_base64: PNG.toString('base64') },
      caption: 'For you @15550100002',
      reply_to_message_id: incoming!.id,
      mentions: ['+1 555 010 0002'],
    }));
    expect(sent.status).toBe(200);
    const stored = gateway.factory.world.readMessages(SANDBOX_CONTACTS.alice, 1)[0]!;
    expect(stored).toMatchObject({ id: sent.body['message_id'], quotedMessageId: incoming!.id, mentions: [SANDBOX_CONTACTS.bob], body: 'For you @15550100002' });
    const elsewhere = gateway.factory.world.readMessages(SANDBOX_CONTACTS.bob, 1)[0]!;
    const wrongChat = await fetchJson(`${gateway.base}/api/send-media`, postJson({ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: 'aGk=' }, reply_to_message_id: elsewhere.id }));
    expect(wrongChat.status).toBe(404);
    expect(wrongChat.body['error']).toMatchObject({ code: 'message_not_found' });
  });

  it('lists media metadata without downloading, newest first, including received media', async () => {
    const gateway = await ready();
    await fetchJson(`${gateway.base}/api/send-media`, postJson({ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: PDF.toString('base64'), filename: 'menu.pdf' } }));
    const listing = await fetchJson<{ count: number; media: Array<Record<string, unknown>> }>(`${gateway.base}/api/media/list?chat_id=${SANDBOX_CONTACTS.alice}`);
    expect(listing.status).toBe(200);
    expect(listing.body.media.map((item) => [item['type'], item['mimetype'], item['from_me']])).toEqual([
      ['document', 'application/pdf', true],
      ['image', 'image/png', false],
    ]);
    const received = listing.body.media[1] as { message_id: string; caption: string; size: number };
    expect(received.caption).toBe('The sandbox at sunset');
    const file = await download(gateway, received.message_id);
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBe(received.size);
  });

  it('fetches media URLs only from public addresses unless the operator allows private ones', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/photos/dot.png`;

    const strict = await ready();
    const refused = await fetchJson(`${strict.base}/api/send-media`, postJson({ chat_id: SANDBOX_CONTACTS.alice, media: { url } }));
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({ code: 'media_url_blocked', details: { field: 'media.url' } });

    const open = await ready({ WHATSAPP_MEDIA_ALLOW_PRIVATE_URLS: 'true' });
    const sent = await fetchJson(`${open.base}/api/send-media`, postJson({ chat_id: SANDBOX_CONTACTS.alice, media: { url } }));
    expect(sent.status).toBe(200);
    expect(sent.body['media']).toEqual({ type: 'image', mimetype: 'image/png', filename: 'dot.png', size: PNG.length });
  });

  it('refuses oversized media with 413, in JSON and multipart alike', async () => {
    const gateway = await ready({ WHATSAPP_MEDIA_MAX_BYTES: '2048' });
    const big = Buffer.alloc(4096, 7);
    const json = await fetchJson(`${gateway.base}/api/send-media`, postJson({ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: big.toString('base64') } }));
    expect(json.status).toBe(413);
    expect(json.body['error']).toMatchObject({ code: 'media_too_large' });
    const form = new FormData();
    form.set('chat_id', SANDBOX_CONTACTS.alice);
    form.set('file', new Blob([big]), 'big.bin');
    const upload = await fetchJson(`${gateway.base}/api/send-media`, { method: 'POST', body: form });
    expect(upload.status).toBe(413);
    expect(upload.body['error']).toMatchObject({ code: 'media_too_large' });
    const tooLargeBody = await fetchJson(`${gateway.base}/api/send-media`, postJson({ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: Buffer.alloc(8192).toString('base64') } }));
    expect(tooLargeBody.status).toBe(413);
  });

  it('answers bad input with a clear 4xx and sends nothing', async () => {
    const gateway = await ready();
    const before = gateway.factory.world.readMessages(SANDBOX_CONTACTS.alice, 100).length;
    const cases: Array<[unknown, number, string]> = [
      [{ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: 'not base64!' } }, 400, 'invalid_media'],
      [{ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: 'aGk=', url: 'https://example.com/a.png' } }, 400, 'invalid_media'],
      [{ chat_id: SANDBOX_CONTACTS.alice, media: {} }, 400, 'invalid_media'],
      [{ chat_id: SANDBOX_CONTACTS.alice, media: { url: 'file:///etc/passwd' } }, 400, 'invalid_media'],
      [{ phone_number: '15550000000', media: { data_base64: 'aGk=' } }, 404, 'not_on_whatsapp'],
      [{ chat_id: SANDBOX_CONTACTS.alice }, 400, 'invalid_input'],
      [{ chat_id: SANDBOX_CONTACTS.alice, media: { data_base64: 'aGk=' }, send_as: 'sticker' }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await fetchJson(`${gateway.base}/api/send-media`, postJson(body));
      expect([answer.status, (answer.body['error'] as { code: string }).code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(gateway.factory.world.readMessages(SANDBOX_CONTACTS.alice, 100)).toHaveLength(before);

    const textMessage = gateway.factory.world.readMessages(SANDBOX_CONTACTS.bob, 1)[0]!;
    const noMedia = await download(gateway, textMessage.id);
    expect([noMedia.status, ((await noMedia.json()) as { error: { code: string } }).error.code]).toEqual([404, 'no_media']);
    const unknown = await download(gateway, 'true_15550100001@c.us_3EB0NOTHERE');
    expect(unknown.status).toBe(404);
    expect((await fetchJson(`${gateway.base}/api/media`)).status).toBe(400);

    const form = new FormData();
    form.set('phone_number', '15550100001');
    form.set('message', 'hi');
    expect((await fetch(`${gateway.base}/api/send`, { method: 'POST', body: form })).status).toBe(415);
  });

  it('refuses a cross-site form upload (multipart needs no CORS preflight) before reading it', async () => {
    const gateway = await ready();
    const before = gateway.factory.world.readMessages(SANDBOX_CONTACTS.alice, 100).length;
    const form = new FormData();
    form.set('chat_id', SANDBOX_CONTACTS.alice);
    form.set('file', new Blob([PDF], { type: 'application/pdf' }), 'x.pdf');
    const answer = await fetchJson(`${gateway.base}/api/send-media`, { method: 'POST', body: form, headers: { origin: 'https://attacker.example' } });
    expect(answer.status).toBe(403);
    expect(answer.body['error']).toMatchObject({ code: 'forbidden_origin' });
    expect(gateway.factory.world.readMessages(SANDBOX_CONTACTS.alice, 100)).toHaveLength(before);
  });
});
