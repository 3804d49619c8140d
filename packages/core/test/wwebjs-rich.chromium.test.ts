import { describe, expect, it } from 'vitest';
import type { Message } from '../src/driver/index.js';
import { linkedDriver, useDriverHarness } from './fake-web/driver-harness.js';
import { FAKE_ACCOUNT } from './fake-web/install-fake-web.js';
import { nextEvent } from './support/next-event.js';

/** Rich messaging through our wwebjs driver over the real library on the fake WhatsApp Web page. */
useDriverHarness();

const ME = FAKE_ACCOUNT.wid;
const { alice: ALICE, bob: BOB, group: GROUP } = FAKE_ACCOUNT.chats;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n% quarterly numbers\n%%EOF\n');

interface PageMessage {
  type: string;
  body?: string;
  quotedStanzaID?: string;
  mentions: string[];
  edited: boolean;
  reactions: Record<string, string>;
}
interface PageState {
  chatStates: Record<string, string>;
  media: { uploads: { mediaType: string; size: number }[]; downloads: unknown[] };
  errors: string[];
}

describe('wwebjs driver on the fake WhatsApp Web page: rich messaging', () => {
  it('sends an image to a group and a document, and downloads them and incoming media byte for byte', async () => {
    const { driver, events, knob } = await linkedDriver();
    const image = await driver.sendMedia(GROUP, { data: PNG, mimetype: 'image/png', filename: 'dot.png' }, { caption: 'a dot' });
    expect(image).toMatchObject({ to: GROUP, type: 'image', hasMedia: true, body: 'a dot', fromMe: true, media: { mimetype: 'image/png', size: PNG.length } });
    expect(image.id.endsWith(`_${ME}`)).toBe(true);
    const doc = await driver.sendMedia(ALICE, { data: PDF, mimetype: 'application/pdf', filename: 'q3.pdf' }, { caption: 'numbers', asDocument: true });
    expect(doc).toMatchObject({ type: 'document', body: 'numbers', media: { mimetype: 'application/pdf', filename: 'q3.pdf', size: PDF.length } });
    expect((await knob<PageState>('state')).media.uploads).toEqual([{ directPath: expect.any(String), mediaType: 'image', size: PNG.length }, { directPath: expect.any(String), mediaType: 'document', size: PDF.length }]);

    expect(await driver.downloadMedia(doc.id)).toEqual({ data: PDF, mimetype: 'application/pdf', filename: 'q3.pdf' });
    expect((await driver.downloadMedia(image.id))?.data.equals(PNG)).toBe(true);
    expect(await driver.downloadMedia((await driver.sendText(ALICE, 'just text')).id)).toBeNull();

    const arrived = nextEvent(events, 'message', (m) => m.hasMedia);
    const incomingId = await knob<string>('receiveMedia', BOB, { data: PNG.toString('base64'), mimetype: 'image/png', caption: 'from Bob' });
    const [incoming] = await arrived;
    expect(incoming).toMatchObject({ id: incomingId, from: BOB, type: 'image', body: 'from Bob', media: { mimetype: 'image/png', size: PNG.length } });
    expect((await driver.downloadMedia(incomingId))?.data.equals(PNG)).toBe(true);
    await knob('expireMedia', incomingId);
    expect(await driver.downloadMedia(incomingId)).toBeNull();
    expect((await knob<PageState>('state')).errors).toEqual([]);
  });

  it('replies with mentions in a group, reacts, and reports reactions and unread counters', async () => {
    const { driver, events, knob } = await linkedDriver();
    const unread = nextEvent(events, 'chat_unread', (u) => u.chatId === GROUP);
    const incomingId = await knob<string>('receiveMessage', GROUP, 'who brings cake?', ALICE);
    expect((await unread)[0]).toEqual({ chatId: GROUP, unreadCount: 1 });

    const reply = await driver.sendText(GROUP, '@15550002222 I do', { quotedMessageId: incomingId, mentions: [ALICE] });
    expect(reply).toMatchObject({ to: GROUP, fromMe: true, quotedMessageId: incomingId, mentions: [ALICE] });
    expect(reply.id).toBe(`true_${GROUP}_${reply.id.split('_')[2]}_${ME}`);
    expect(await knob<PageMessage>('messageInfo', reply.id)).toMatchObject({ quotedStanzaID: incomingId.split('_')[2], mentions: [ALICE] });
    // Read back: the library sorts same-second messages unstably, so look the reply up by id.
    const readBack = (await driver.readMessages(GROUP, 5)).find((m) => m.id === reply.id);
    expect(readBack).toMatchObject({ quotedMessageId: incomingId, mentions: [ALICE] });
    const ownReply = await driver.sendText(GROUP, 'really', { quotedMessageId: reply.id });
    expect(ownReply.quotedMessageId).toBe(reply.id);
    await expect(driver.sendText(GROUP, 'to nothing', { quotedMessageId: `false_${GROUP}_0000NOPE_${ALICE}` })).rejects.toMatchObject({ code: 'message_not_found' });

    const mine = nextEvent(events, 'message_reaction', (r) => r.senderId === ME);
    await driver.react(incomingId, '👍');
    expect((await mine)[0]).toMatchObject({ messageId: incomingId, chatId: GROUP, senderId: ME, reaction: '👍' });
    const theirs = nextEvent(events, 'message_reaction', (r) => r.senderId === BOB);
    await knob('receiveReaction', reply.id, '😂', BOB);
    expect((await theirs)[0]).toMatchObject({ messageId: reply.id, chatId: GROUP, reaction: '😂' });
    expect((await knob<PageMessage>('messageInfo', incomingId)).reactions).toEqual({ [ME]: '👍' });
    await driver.react(incomingId, '');
    expect((await knob<PageMessage>('messageInfo', incomingId)).reactions).toEqual({});

    const read = nextEvent(events, 'chat_unread', (u) => u.chatId === GROUP && u.unreadCount === 0);
    await driver.markRead(GROUP);
    await read;
    expect((await driver.getChat(GROUP))?.unreadCount).toBe(0);
  });

  it('edits, forwards and deletes within the limits WhatsApp applies, never deleting silently for this account only', async () => {
    const { driver, events, knob } = await linkedDriver();
    const sent = await driver.sendText(ALICE, 'helo');
    const edited = nextEvent(events, 'message_edited');
    expect(await driver.editMessage(sent.id, 'hello')).toMatchObject({ id: sent.id, body: 'hello' });
    expect((await edited)[0]).toMatchObject({ message: { id: sent.id, body: 'hello' }, previousBody: 'helo' });
    const ownOld = (await driver.readMessages(ALICE, 50)).find((m) => m.body === 'Hello Alice')!;
    await expect(driver.editMessage(ownOld.id, 'too late')).rejects.toMatchObject({ code: 'not_allowed' });

    const forwarded = nextEvent(events, 'message_sent', (m: Message) => m.to === BOB);
    await driver.forwardMessage(sent.id, BOB);
    expect((await forwarded)[0]).toMatchObject({ body: 'hello', fromMe: true });

    const revoked = nextEvent(events, 'message_revoked');
    await driver.deleteMessage(sent.id, true);
    expect((await revoked)[0]).toEqual({ messageId: sent.id, chatId: ALICE });
    expect(await driver.getMessage(sent.id)).toMatchObject({ type: 'revoked', body: '' });

    const theirsId = await knob<string>('receiveMessage', ALICE, 'keep this');
    await expect(driver.deleteMessage(theirsId, true)).rejects.toMatchObject({ code: 'not_allowed' });
    expect(await knob<PageMessage | null>('messageInfo', theirsId)).toMatchObject({ body: 'keep this' });
    await driver.deleteMessage(theirsId, false);
    expect(await knob('messageInfo', theirsId)).toBeNull();
    expect(await driver.getMessage(theirsId)).toBeNull();

    const spamId = await knob<string>('receiveMessage', GROUP, 'spam', BOB);
    await driver.deleteMessage(spamId, true); // the account is the group's admin
    expect((await knob<PageMessage>('messageInfo', spamId)).type).toBe('revoked');
    await expect(driver.react(`true_${ALICE}_0000NOPE`, '👍')).rejects.toMatchObject({ code: 'message_not_found' });
  });

  it('looks numbers up, shows typing, shares locations, and reads contacts and groups', async () => {
    const { driver, events, knob } = await linkedDriver();
    expect(await driver.lookupNumber(FAKE_ACCOUNT.newContact.split('@')[0]!)).toBe(FAKE_ACCOUNT.newContact);
    expect(await driver.lookupNumber(FAKE_ACCOUNT.unregisteredNumber)).toBeNull();

    await driver.setPresence(ALICE, 'typing');
    await driver.setPresence(GROUP, 'recording');
    expect((await knob<PageState>('state')).chatStates).toEqual({ [ALICE]: 'typing', [GROUP]: 'recording' });
    await driver.setPresence(ALICE, 'paused');
    expect((await knob<PageState>('state')).chatStates[ALICE]).toBe('paused');

    const place = await driver.sendLocation(BOB, { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz', address: 'Berlin' });
    expect(place).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz', address: 'Berlin' } });
    const located = nextEvent(events, 'message', (m) => m.type === 'location');
    await knob('receiveLocation', ALICE, { latitude: -33.86, longitude: 151.21, name: 'Opera House' });
    expect((await located)[0].location).toEqual({ latitude: -33.86, longitude: 151.21, name: 'Opera House', address: null });

    const contacts = await driver.listContacts();
    expect(contacts.map((c) => c.id).sort()).toEqual([ME, ALICE, BOB].sort());
    expect(await driver.getContact(ALICE)).toEqual({
      id: ALICE, number: ALICE.split('@')[0], name: 'Alice Example', pushname: 'Alice', isMyContact: true, isBusiness: false, isBlocked: false,
    });
    expect(await driver.getContact(`${FAKE_ACCOUNT.unregisteredNumber}@c.us`)).toBeNull();

    const group = await driver.getGroup(GROUP);
    expect(group).toMatchObject({ id: GROUP, name: 'Fake Group', description: 'A group on the fake phone', owner: ME });
    expect(group?.participants).toEqual([
      { id: ME, isAdmin: true, isSuperAdmin: true },
      { id: ALICE, isAdmin: true, isSuperAdmin: false },
      { id: BOB, isAdmin: false, isSuperAdmin: false },
    ]);
    expect(Math.abs(Date.now() / 1000 - 30 * 24 * 3600 - group!.createdAt!)).toBeLessThan(120);
    expect(await driver.getGroup(ALICE)).toBeNull();
  });
});
