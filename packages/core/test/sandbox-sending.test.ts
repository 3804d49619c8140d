import { afterEach, describe, expect, it, vi } from 'vitest';
import { SANDBOX_ACCOUNT, SANDBOX_CONTACTS, SANDBOX_UNREGISTERED_SUFFIX } from '../src/drivers/sandbox/index.js';
import { linkedSandbox, type LinkedSandbox } from './sandbox-linked-driver.js';

const { alice, bob, team } = SANDBOX_CONTACTS;
const UNREGISTERED = `1555099${SANDBOX_UNREGISTERED_SUFFIX}`;
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('sandbox driver: sending', () => {
  let sandbox: LinkedSandbox;
  const last = async (chatId: string) => (await sandbox.driver.readMessages(chatId, 1))[0]!;

  afterEach(async () => {
    await sandbox.driver.stop();
    vi.useRealTimers();
  });

  it('finds registered numbers and reports numbers ending in the unregistered suffix as not on WhatsApp', async () => {
    sandbox = await linkedSandbox();
    expect(await sandbox.driver.lookupNumber('15550100001')).toBe(alice);
    expect(await sandbox.driver.lookupNumber('4915112345678')).toBe('4915112345678@c.us');
    expect(await sandbox.driver.lookupNumber(UNREGISTERED)).toBeNull();
  });

  it('refuses every messaging call before the phone links', async () => {
    sandbox = await linkedSandbox();
    await sandbox.driver.stop();
    await sandbox.driver.start();
    const calls = [
      () => sandbox.driver.lookupNumber('15550100001'),
      () => sandbox.driver.sendMedia(alice, { data: bytes('x'), mimetype: 'text/plain', filename: 'x.txt' }),
      () => sandbox.driver.getMessage('x'),
      () => sandbox.driver.markRead(alice),
      () => sandbox.driver.listContacts(),
      () => sandbox.driver.getGroup(team),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'session_not_ready' });
  });

  it('sends a reply that quotes a message of the chat and mentions people', async () => {
    sandbox = await linkedSandbox();
    const greeting = await last(alice);
    const sent = await sandbox.driver.sendText(alice, 'Hi @15550100002', { quotedMessageId: greeting.id, mentions: [bob] });
    expect(sent).toMatchObject({ fromMe: true, type: 'chat', body: 'Hi @15550100002', quotedMessageId: greeting.id, mentions: [bob], media: null });
    expect(await sandbox.driver.getMessage(sent.id)).toEqual(sent);
    expect(await last(alice)).toEqual(sent);
  });

  it('refuses to quote a message of another chat or one that does not exist', async () => {
    sandbox = await linkedSandbox();
    const fromBob = await last(bob);
    for (const quotedMessageId of [fromBob.id, 'false_15550100001@c.us_NOPE']) {
      await expect(sandbox.driver.sendText(alice, 'reply', { quotedMessageId })).rejects.toMatchObject({ code: 'message_not_found' });
    }
    expect((await last(alice)).body).not.toBe('reply');
  });

  it('refuses unknown groups and numbers that are not on WhatsApp, and opens a chat with a new number', async () => {
    sandbox = await linkedSandbox();
    await expect(sandbox.driver.sendText('120363999999999999@g.us', 'hi')).rejects.toMatchObject({ code: 'chat_not_found' });
    await expect(sandbox.driver.sendText(`${UNREGISTERED}@c.us`, 'hi')).rejects.toMatchObject({ code: 'not_on_whatsapp' });
    expect(await sandbox.driver.getChat(`${UNREGISTERED}@c.us`)).toBeNull();
    await sandbox.driver.sendText('4915112345678@c.us', 'hello');
    expect(await sandbox.driver.getChat('4915112345678@c.us')).toMatchObject({ name: '4915112345678', unreadCount: 0 });
  });

  it('reports a sent text, its delivery progress, and the echo of a one-to-one contact', async () => {
    sandbox = await linkedSandbox();
    const sent = await sandbox.driver.sendText(bob, 'ping');
    await vi.advanceTimersByTimeAsync(300);
    expect(sandbox.payloads('message_sent')).toEqual([sent]);
    expect(sandbox.payloads('message_ack').map((update) => update.ack)).toEqual([1, 2, 3]);
    expect(sandbox.payloads('message').map((message) => message.body)).toEqual(['Echo: ping']);
  });

  it.each([
    ['image/png', {}, 'image'],
    ['video/mp4', {}, 'video'],
    ['audio/ogg; codecs=opus', {}, 'audio'],
    ['audio/ogg; codecs=opus', { asVoice: true }, 'ptt'],
    ['application/pdf', {}, 'document'],
    ['image/jpeg', { asDocument: true }, 'document'],
  ])('sends %s with %o as a WhatsApp %s message', async (mimetype, options, type) => {
    sandbox = await linkedSandbox();
    const sent = await sandbox.driver.sendMedia(bob, { data: bytes('12345'), mimetype, filename: 'file.bin' }, { ...options, caption: 'look' });
    expect(sent).toMatchObject({ type, body: 'look', hasMedia: true, media: { mimetype, filename: 'file.bin', size: 5 }, fromMe: true });
  });

  it('keeps the bytes of sent media for download, unaffected by later changes to the caller buffer', async () => {
    sandbox = await linkedSandbox();
    const data = bytes('%PDF-1.7 sandbox');
    const sent = await sandbox.driver.sendMedia(team, { data, mimetype: 'application/pdf', filename: 'report.pdf' });
    data.fill(0);
    expect(sent.body).toBe('');
    expect(await sandbox.driver.downloadMedia(sent.id)).toEqual({ data: bytes('%PDF-1.7 sandbox'), mimetype: 'application/pdf', filename: 'report.pdf' });
  });

  it('sends media as a reply with mentions, reports it sent and delivered, and gets no echo', async () => {
    sandbox = await linkedSandbox();
    const greeting = await last(alice);
    const sent = await sandbox.driver.sendMedia(alice, { data: bytes('img'), mimetype: 'image/jpeg', filename: null }, { quotedMessageId: greeting.id, mentions: [alice] });
    expect(sent).toMatchObject({ quotedMessageId: greeting.id, mentions: [alice] });
    await vi.advanceTimersByTimeAsync(300);
    expect(sandbox.payloads('message_sent').map((message) => message.id)).toEqual([sent.id]);
    expect(sandbox.payloads('message_ack').map((update) => update.ack)).toEqual([1, 2, 3]);
    expect(sandbox.payloads('message')).toEqual([]);
  });

  it('refuses empty media', async () => {
    sandbox = await linkedSandbox();
    await expect(sandbox.driver.sendMedia(bob, { data: Buffer.alloc(0), mimetype: 'image/png', filename: null })).rejects.toMatchObject({ code: 'invalid_media' });
  });

  it('sends a location whose body is the place name, or empty without one', async () => {
    sandbox = await linkedSandbox();
    const place = { latitude: 52.52, longitude: 13.405, name: 'Brandenburg Gate', address: 'Pariser Platz, Berlin' };
    const named = await sandbox.driver.sendLocation(team, place);
    expect(named).toMatchObject({ type: 'location', body: 'Brandenburg Gate', hasMedia: false, location: place, from: SANDBOX_ACCOUNT.wid });
    const bare = await sandbox.driver.sendLocation(bob, { latitude: -33.86, longitude: 151.21, name: null, address: null });
    expect(bare).toMatchObject({ type: 'location', body: '', location: { latitude: -33.86, longitude: 151.21 } });
    await expect(sandbox.driver.sendLocation(bob, place, { quotedMessageId: named.id })).rejects.toMatchObject({ code: 'message_not_found' });
  });

  it('forwards a message with its media as a new outgoing message of the target chat', async () => {
    sandbox = await linkedSandbox();
    const [photo] = await sandbox.driver.readMessages(alice, 2);
    await sandbox.driver.forwardMessage(photo!.id, bob);
    const forwarded = await last(bob);
    expect(forwarded).toMatchObject({ fromMe: true, to: bob, type: 'image', body: photo!.body, hasMedia: true, media: photo!.media, quotedMessageId: null });
    expect(forwarded.id).not.toBe(photo!.id);
    expect((await sandbox.driver.downloadMedia(forwarded.id))?.data).toEqual((await sandbox.driver.downloadMedia(photo!.id))?.data);
    await vi.advanceTimersByTimeAsync(0);
    expect(sandbox.payloads('message_sent')).toEqual([forwarded]);
  });

  it('refuses to forward an unknown or deleted message, or to an unknown group', async () => {
    sandbox = await linkedSandbox();
    const mine = await last(bob);
    await expect(sandbox.driver.forwardMessage('true_x@c.us_NOPE', alice)).rejects.toMatchObject({ code: 'message_not_found' });
    await expect(sandbox.driver.forwardMessage(mine.id, '120363999999999999@g.us')).rejects.toMatchObject({ code: 'chat_not_found' });
    await sandbox.driver.deleteMessage(mine.id, true);
    await expect(sandbox.driver.forwardMessage(mine.id, alice)).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('downloads the seeded photo from Alice as a real PNG, and nothing for a text message', async () => {
    sandbox = await linkedSandbox();
    const [photo, greeting] = await sandbox.driver.readMessages(alice, 2);
    expect(photo).toMatchObject({ type: 'image', hasMedia: true, media: { mimetype: 'image/png' } });
    const file = await sandbox.driver.downloadMedia(photo!.id);
    expect(file?.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(file?.data.length).toBe(photo!.media?.size);
    expect(await sandbox.driver.downloadMedia(greeting!.id)).toBeNull();
  });

  it('answers null for an unknown message id, and message_not_found when downloading one', async () => {
    sandbox = await linkedSandbox();
    expect(await sandbox.driver.getMessage('false_15550100001@c.us_NOPE')).toBeNull();
    await expect(sandbox.driver.downloadMedia('false_15550100001@c.us_NOPE')).rejects.toMatchObject({ code: 'message_not_found' });
  });
});
