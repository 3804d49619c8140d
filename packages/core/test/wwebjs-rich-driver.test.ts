import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type { DriverEvents } from '../src/driver/index.js';
import { WwebjsDriver } from '../src/drivers/wwebjs/index.js';
import type { TypedEmitter } from '../src/events/typed-emitter.js';
import {
  FAKE_BOB,
  FAKE_CAROL,
  FAKE_GROUP,
  FAKE_ME,
  FAKE_NEW_NUMBER,
  FAKE_NOW,
  FakeWwebjsClient,
} from './support/fake-wwebjs-client.js';
import { nextEvent } from './support/next-event.js';
import { silentLogger } from './support/silent-logger.js';

/** The rich-messaging half of the wwebjs driver, over the scripted fake of the library's Client. */
const wwebjs = createRequire(import.meta.url)('whatsapp-web.js') as { MessageMedia: new (...args: never[]) => unknown; Location: new (...args: never[]) => unknown };

const drivers: WwebjsDriver[] = [];
afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.stop();
});

async function ready(now = () => FAKE_NOW) {
  const client = new FakeWwebjsClient({ linked: true });
  const driver = new WwebjsDriver({ buildClient: async () => client, logger: silentLogger(), now });
  drivers.push(driver);
  const isReady = nextEvent(driver as unknown as TypedEmitter<DriverEvents>, 'ready');
  await driver.start();
  await isReady;
  const callsOf = (method: string) => client.calls.filter((c) => c.method === method).map((c) => c.args);
  return { client, driver, callsOf };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('wwebjs driver: sending', () => {
  it('looks numbers up with getNumberId', async () => {
    const { driver, callsOf } = await ready();
    expect(await driver.lookupNumber(FAKE_NEW_NUMBER)).toBe(`${FAKE_NEW_NUMBER}@c.us`);
    expect(await driver.lookupNumber('15550009999')).toBeNull();
    expect(callsOf('getNumberId')).toEqual([[FAKE_NEW_NUMBER], ['15550009999']]);
  });

  it('replies and mentions without marking the chat read, and reads the quote back', async () => {
    const { client, driver, callsOf } = await ready();
    const incoming = client.receive(FAKE_GROUP, { body: 'lunch?', author: FAKE_CAROL });
    const reply = await driver.sendText(FAKE_GROUP, 'yes @15550003333', { quotedMessageId: incoming.id._serialized, mentions: [FAKE_CAROL] });
    expect(callsOf('sendMessage')[0]).toEqual([FAKE_GROUP, 'yes @15550003333', { sendSeen: false, quotedMessageId: incoming.id._serialized, ignoreQuoteErrors: false, mentions: [FAKE_CAROL] }]);
    expect(reply).toMatchObject({ fromMe: true, quotedMessageId: incoming.id._serialized, mentions: [FAKE_CAROL], media: null, location: null });
    const ownQuoted = await driver.sendText(FAKE_GROUP, 'and again', { quotedMessageId: reply.id });
    expect(ownQuoted.quotedMessageId).toBe(reply.id);
    expect((await driver.sendText(FAKE_BOB, 'plain')).quotedMessageId).toBeNull();
  });

  it('refuses to reply to a message it does not know instead of dropping the quote', async () => {
    const { driver } = await ready();
    await expect(driver.sendText(FAKE_BOB, 'hi', { quotedMessageId: `false_${FAKE_BOB}_NOPE` })).rejects.toMatchObject({ code: 'message_not_found' });
  });

  it('sends media as the library MessageMedia, inline or as a document or voice note', async () => {
    const { driver, callsOf } = await ready();
    const image = await driver.sendMedia(FAKE_BOB, { data: PNG, mimetype: 'image/png', filename: 'dot.png' }, { caption: 'look' });
    const [, content, options] = callsOf('sendMessage')[0]!;
    expect(content).toBeInstanceOf(wwebjs.MessageMedia);
    expect(content).toMatchObject({ mimetype: 'image/png', data: PNG.toString('base64'), filename: 'dot.png', filesize: PNG.length });
    expect(options).toEqual({ sendSeen: false, caption: 'look' });
    expect(image).toMatchObject({ type: 'image', hasMedia: true, body: 'look', media: { mimetype: 'image/png', filename: 'dot.png', size: PNG.length } });

    const doc = await driver.sendMedia(FAKE_BOB, { data: PNG, mimetype: 'image/png', filename: 'dot.png' }, { asDocument: true });
    expect(callsOf('sendMessage')[1]![2]).toEqual({ sendSeen: false, sendMediaAsDocument: true });
    expect(doc).toMatchObject({ type: 'document', body: '' });
    await driver.sendMedia(FAKE_BOB, { data: Buffer.from('ogg'), mimetype: 'audio/ogg', filename: null }, { asVoice: true, quotedMessageId: doc.id });
    expect(callsOf('sendMessage')[2]![2]).toEqual({ sendSeen: false, sendAudioAsVoice: true, quotedMessageId: doc.id, ignoreQuoteErrors: false });
    expect(callsOf('sendMessage')[2]![1]).toMatchObject({ filename: 'file' }); // never the page's "undefined"
  });

  it('sends a location as the library Location and maps it back', async () => {
    const { driver, callsOf } = await ready();
    const sent = await driver.sendLocation(FAKE_BOB, { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz', address: 'Berlin' });
    const [, content] = callsOf('sendMessage')[0]!;
    expect(content).toBeInstanceOf(wwebjs.Location);
    expect(content).toMatchObject({ latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz', address: 'Berlin', description: 'Alexanderplatz\nBerlin' });
    expect(sent).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz', address: 'Berlin' } });
  });
});

describe('wwebjs driver: acting on messages', () => {
  it('gets, and downloads the media of, a message by id', async () => {
    const { client, driver, callsOf } = await ready();
    const sent = await driver.sendMedia(FAKE_BOB, { data: PNG, mimetype: 'image/png', filename: 'dot.png' });
    expect(await driver.getMessage(sent.id)).toMatchObject({ id: sent.id, hasMedia: true });
    expect(await driver.downloadMedia(sent.id)).toEqual({ data: PNG, mimetype: 'image/png', filename: 'dot.png' });

    client.mediaStore.delete(sent.id); // expired on the server: the library resolves undefined
    expect(await driver.downloadMedia(sent.id)).toBeNull();
    const text = await driver.sendText(FAKE_BOB, 'no media');
    expect(await driver.downloadMedia(text.id)).toBeNull();
    expect(callsOf('downloadMedia')).toEqual([[sent.id], [sent.id]]);
  });

  it('answers unknown and malformed ids with null or message_not_found, malformed ones without a page call', async () => {
    const { driver, callsOf } = await ready();
    expect(await driver.getMessage(`false_${FAKE_BOB}_UNKNOWN`)).toBeNull();
    expect(await driver.getMessage('not-a-message-id')).toBeNull();
    for (const action of [
      () => driver.downloadMedia('garbage'),
      () => driver.react(`true_${FAKE_BOB}_UNKNOWN`, '👍'),
      () => driver.editMessage(`true_${FAKE_BOB}_UNKNOWN`, 'x'),
      () => driver.deleteMessage(`true_${FAKE_BOB}_UNKNOWN`, false),
      () => driver.forwardMessage(`true_${FAKE_BOB}_UNKNOWN`, FAKE_GROUP),
    ]) {
      await expect(action()).rejects.toMatchObject({ code: 'message_not_found' });
    }
    expect(callsOf('getMessageById').map(([id]) => id)).not.toContain('garbage');
    expect(callsOf('getMessageById').map(([id]) => id)).not.toContain('not-a-message-id');
  });

  it('reacts, forwards, and edits its own recent messages only', async () => {
    const { client, driver, callsOf } = await ready();
    const sent = await driver.sendText(FAKE_BOB, 'typo');
    await driver.react(sent.id, '👍');
    await driver.react(sent.id, '');
    expect(callsOf('react')).toEqual([[sent.id, '👍'], [sent.id, '']]);
    await driver.forwardMessage(sent.id, FAKE_GROUP);
    expect(callsOf('forward')).toEqual([[sent.id, FAKE_GROUP]]);

    expect(await driver.editMessage(sent.id, 'fixed')).toMatchObject({ id: sent.id, body: 'fixed' });
    const incoming = client.receive(FAKE_BOB, { body: 'not yours' });
    await expect(driver.editMessage(incoming.id._serialized, 'mine now')).rejects.toMatchObject({ code: 'not_allowed' });
  });

  it('deletes for everyone only where WhatsApp allows it, instead of silently deleting for this account', async () => {
    const { client, driver, callsOf } = await ready();
    const events = driver as unknown as TypedEmitter<DriverEvents>;
    const own = await driver.sendText(FAKE_BOB, 'oops');
    const revoked = nextEvent(events, 'message_revoked');
    await driver.deleteMessage(own.id, true);
    expect(await revoked).toEqual([{ messageId: own.id, chatId: FAKE_BOB }]);

    const theirs = client.receive(FAKE_BOB, { body: 'hello' }).id._serialized;
    await expect(driver.deleteMessage(theirs, true)).rejects.toMatchObject({ code: 'not_allowed' });
    const inGroup = client.receive(FAKE_GROUP, { body: 'spam', author: FAKE_CAROL }).id._serialized;
    await driver.deleteMessage(inGroup, true); // the account is a group admin
    await driver.deleteMessage(theirs, false);
    expect(callsOf('delete')).toEqual([[own.id, true], [inGroup, true], [theirs, false]]);
    expect(await driver.getMessage(theirs)).toBeNull();
  });

  it('refuses to delete for everyone once the revoke window has passed', async () => {
    const { driver, callsOf } = await ready(() => FAKE_NOW + 61 * 3600);
    const own = await driver.sendText(FAKE_BOB, 'long ago');
    await expect(driver.deleteMessage(own.id, true)).rejects.toMatchObject({ code: 'not_allowed' });
    expect(callsOf('delete')).toEqual([]);
  });
});

describe('wwebjs driver: chats, contacts and groups', () => {
  it('marks read with sendSeen and reports unread counters as chat_unread', async () => {
    const { client, driver, callsOf } = await ready();
    const events = driver as unknown as TypedEmitter<DriverEvents>;
    const arrived = nextEvent(events, 'chat_unread');
    client.receive(FAKE_BOB, { body: 'ping' });
    expect(await arrived).toEqual([{ chatId: FAKE_BOB, unreadCount: 2 }]);
    const read = nextEvent(events, 'chat_unread');
    await driver.markRead(FAKE_BOB);
    expect(await read).toEqual([{ chatId: FAKE_BOB, unreadCount: 0 }]);
    expect(callsOf('sendSeen')).toEqual([[FAKE_BOB]]);
    await expect(driver.markRead('19990000000@c.us')).rejects.toMatchObject({ code: 'chat_not_found' });
  });

  it('shows typing, recording and paused through the chat structure', async () => {
    const { driver, callsOf } = await ready();
    await driver.setPresence(FAKE_BOB, 'typing');
    await driver.setPresence(FAKE_BOB, 'recording');
    await driver.setPresence(FAKE_BOB, 'paused');
    expect(callsOf('chatState')).toEqual([[FAKE_BOB, 'typing'], [FAKE_BOB, 'recording'], [FAKE_BOB, 'stop']]);
    await expect(driver.setPresence('19990000000@c.us', 'typing')).rejects.toMatchObject({ code: 'chat_not_found' });
  });

  it('lists people only, and finds contacts WhatsApp knows', async () => {
    const { driver, callsOf } = await ready();
    const contacts = await driver.listContacts();
    expect(contacts.map((c) => c.id).sort()).toEqual([FAKE_ME, FAKE_BOB, FAKE_CAROL].sort());
    expect(contacts.find((c) => c.id === FAKE_BOB)).toEqual({
      id: FAKE_BOB, number: '15550002222', name: 'Bob Example', pushname: 'Bob', isMyContact: true, isBusiness: false, isBlocked: false,
    });
    expect(await driver.getContact(FAKE_CAROL)).toMatchObject({ pushname: 'Carol', name: null, isMyContact: false, isBusiness: true });
    expect(await driver.getContact('19990000000@c.us')).toBeNull(); // made up by WhatsApp Web, unknown to it
    expect(await driver.getContact(FAKE_GROUP)).toBeNull();
    expect(callsOf('getContactById')).toEqual([[FAKE_CAROL], ['19990000000@c.us']]);
  });

  it('reads a group with its participants, and null for anything else', async () => {
    const { driver, callsOf } = await ready();
    expect(await driver.getGroup(FAKE_GROUP)).toEqual({
      id: FAKE_GROUP,
      name: 'Fake Group',
      description: 'Plans and news',
      owner: FAKE_ME,
      createdAt: 1_690_000_000,
      participants: [
        { id: FAKE_ME, isAdmin: true, isSuperAdmin: true },
        { id: FAKE_BOB, isAdmin: true, isSuperAdmin: false },
        { id: FAKE_CAROL, isAdmin: false, isSuperAdmin: false },
      ],
    });
    expect(await driver.getGroup('120363000000000099@g.us')).toBeNull();
    expect(await driver.getGroup(FAKE_BOB)).toBeNull();
    expect(callsOf('getChatById')).toEqual([[FAKE_GROUP], ['120363000000000099@g.us']]);
  });

  it('relays reactions with whole-second timestamps', async () => {
    const { client, driver } = await ready();
    const reacted = nextEvent(driver as unknown as TypedEmitter<DriverEvents>, 'message_reaction');
    const parent = { _serialized: `true_${FAKE_BOB}_3EB0ABC`, remote: FAKE_BOB };
    client.emit('message_reaction', { msgId: parent, senderId: FAKE_BOB, reaction: '🎉', timestamp: 1_700_000_000.789 });
    expect((await reacted)[0]).toEqual({ messageId: parent._serialized, chatId: FAKE_BOB, senderId: FAKE_BOB, reaction: '🎉', timestamp: 1_700_000_000 });
  });

  it('maps incoming media and location details from the page model', async () => {
    const { client, driver } = await ready();
    const events = driver as unknown as TypedEmitter<DriverEvents>;
    const arrived = nextEvent(events, 'message');
    client.receive(FAKE_BOB, { extra: { type: 'document', directPath: '/v/x', mimetype: 'application/pdf', filename: 'a.pdf', size: 1234, caption: 'the file' } });
    expect((await arrived)[0]).toMatchObject({ type: 'document', hasMedia: true, body: 'the file', media: { mimetype: 'application/pdf', filename: 'a.pdf', size: 1234 } });
    const located = nextEvent(events, 'message');
    client.receive(FAKE_BOB, { extra: { type: 'location', lat: 1.5, lng: -2.25, loc: 'Home' } });
    expect((await located)[0]).toMatchObject({ hasMedia: false, media: null, location: { latitude: 1.5, longitude: -2.25, name: 'Home', address: null } });
  });
});
