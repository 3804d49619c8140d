// The REAL whatsapp-web.js Client on fake.html, rich messaging: media up and down, locations,
// reactions, edits, deletes, forwards, chat states and contacts, each through the library's own
// injected code (WWebJS.processMediaData, Message.downloadMedia, sendReaction, ...).
import wwebjs from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_HOOK_MODULES } from './required-modules.js';
import { ALICE, BOB, GROUP, ME, type WaClient, type WaMessage, fake, fakeState, setup, startLinked, useRawClientHarness } from './raw-client-harness.js';

useRawClientHarness();

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PDF = Buffer.from('%PDF-1.4\n% a fake document\n%%EOF\n').toString('base64');

interface MessageInfo {
  type: string;
  body?: string;
  caption?: string;
  hasMedia: boolean;
  isForwarded: boolean;
  edited: boolean;
  reactions: Record<string, string>;
}
const info = (client: WaClient, id: string) => fake<MessageInfo | null>(client, 'messageInfo', id);

async function expectCleanPage(client: WaClient): Promise<void> {
  const state = await fakeState(client);
  expect(state.errors).toEqual([]);
  expect(state.unknownRequires.filter((n) => !(OPTIONAL_HOOK_MODULES as readonly string[]).includes(n))).toEqual([]);
}

describe('fake WhatsApp Web: rich messaging under the real whatsapp-web.js Client', () => {
  it('sends an image and a document with captions, and downloads them and incoming media byte for byte', async () => {
    const s = await setup('media');
    const { client, log } = await startLinked(s);

    const image = await client.sendMessage(ALICE, new wwebjs.MessageMedia('image/png', PNG, 'dot.png'), { caption: 'a dot', sendSeen: false });
    expect(image).toMatchObject({ type: 'image', hasMedia: true, body: 'a dot', fromMe: true });
    expect(image.rawData).toMatchObject({ mimetype: 'image/png', size: Buffer.from(PNG, 'base64').length });
    const doc = await client.sendMessage(ALICE, new wwebjs.MessageMedia('application/pdf', PDF, 'notes.pdf'), { caption: 'the notes', sendMediaAsDocument: true, sendSeen: false });
    expect(doc).toMatchObject({ type: 'document', hasMedia: true, body: 'the notes' });
    expect(doc.rawData).toMatchObject({ mimetype: 'application/pdf', filename: 'notes.pdf' });
    await log.wait('message_create', { where: (m: WaMessage) => m.id._serialized === doc.id._serialized && m.hasMedia });
    const { media } = await fakeState(client);
    expect(media.uploads.map((u) => u.mediaType)).toEqual(['image', 'document']);

    const downloaded = await doc.downloadMedia();
    expect(downloaded).toMatchObject({ mimetype: 'application/pdf', filename: 'notes.pdf', data: PDF });
    expect((await image.downloadMedia()).data).toBe(PNG);

    const since = log.mark();
    const incomingId = await fake<string>(client, 'receiveMedia', BOB, { data: PDF, mimetype: 'application/pdf', filename: 'from-bob.pdf', caption: 'for you', asDocument: true });
    const [incoming] = (await log.wait('message', { since })) as [WaMessage];
    expect(incoming).toMatchObject({ type: 'document', hasMedia: true, body: 'for you', fromMe: false, from: BOB });
    expect(incoming.id._serialized).toBe(incomingId);
    expect(await incoming.downloadMedia()).toMatchObject({ data: PDF, filename: 'from-bob.pdf', mimetype: 'application/pdf' });
    expect((await fakeState(client)).media.downloads).toHaveLength(3);

    await fake(client, 'expireMedia', incomingId);
    expect(await incoming.downloadMedia()).toBeUndefined();
    await expectCleanPage(client);
  });

  it('reacts, edits, deletes, forwards, and shares locations', async () => {
    const s = await setup('actions');
    const { client, log } = await startLinked(s);
    const sent = await client.sendMessage(ALICE, 'helo', { sendSeen: false });

    let since = log.mark();
    await sent.react('👍');
    const [mine] = await log.wait('message_reaction', { since });
    expect(mine).toMatchObject({ reaction: '👍', senderId: ME, msgId: { _serialized: sent.id._serialized } });
    await fake(client, 'receiveReaction', sent.id._serialized, '❤️');
    const [theirs] = await log.wait('message_reaction', { since, where: (r: { senderId: string }) => r.senderId === ALICE });
    expect(theirs).toMatchObject({ reaction: '❤️', msgId: { _serialized: sent.id._serialized } });
    expect((await info(client, sent.id._serialized))?.reactions).toEqual({ [ME]: '👍', [ALICE]: '❤️' });

    since = log.mark();
    const edited = await sent.edit('hello');
    expect(edited?.body).toBe('hello');
    const [editedMsg, newBody, oldBody] = await log.wait('message_edit', { since });
    expect([(editedMsg as WaMessage).id._serialized, newBody, oldBody]).toEqual([sent.id._serialized, 'hello', 'helo']);
    const history = await (await client.getChatById(ALICE)).fetchMessages({ limit: 50 });
    const ownOld = history.find((m) => m.body === 'Hello Alice')!; // ours, sent hours ago
    expect(await ownOld.edit('too late')).toBeNull(); // the page's capability check: 15 minutes
    expect((await info(client, ownOld.id._serialized))?.body).toBe('Hello Alice');

    since = log.mark();
    await sent.forward(GROUP);
    const [forwarded] = (await log.wait('message_create', { since, where: (m: WaMessage) => m.id.remote === GROUP })) as [WaMessage];
    expect(forwarded).toMatchObject({ body: 'hello', isForwarded: true, fromMe: true });

    await sent.delete(true);
    const [revoked] = (await log.wait('message_revoke_everyone', { since })) as [WaMessage];
    expect(revoked.id._serialized).toBe(sent.id._serialized);
    expect((await info(client, sent.id._serialized))?.type).toBe('revoked');
    await forwarded.delete(false);
    expect(await info(client, forwarded.id._serialized)).toBeNull();
    expect(await client.getMessageById(forwarded.id._serialized)).toBeNull();

    const place = await client.sendMessage(BOB, new wwebjs.Location(52.52, 13.405, { name: 'Alexanderplatz', address: 'Berlin' }), { sendSeen: false });
    expect(place.location).toMatchObject({ latitude: 52.52, longitude: 13.405, name: 'Alexanderplatz', address: 'Berlin' });
    since = log.mark();
    await fake(client, 'receiveLocation', GROUP, { latitude: -33.86, longitude: 151.21, name: 'Opera House' }, BOB);
    const [shared] = (await log.wait('message', { since })) as [WaMessage];
    expect(shared).toMatchObject({ type: 'location', author: BOB, location: { latitude: -33.86, longitude: 151.21, name: 'Opera House' } });
    await expectCleanPage(client);
  });

  it('shows typing and recording, and lists contacts', async () => {
    const s = await setup('states');
    const { client } = await startLinked(s);
    await (await client.getChatById(ALICE)).sendStateTyping();
    await (await client.getChatById(GROUP)).sendStateRecording();
    expect((await fakeState(client)).chatStates).toEqual({ [ALICE]: 'typing', [GROUP]: 'recording' });
    await (await client.getChatById(ALICE)).clearState();
    expect((await fakeState(client)).chatStates[ALICE]).toBe('paused');

    const contacts = await client.getContacts();
    expect(contacts.map((c) => c.id._serialized).sort()).toEqual([ME, ALICE, BOB].sort());
    expect(contacts.find((c) => c.id._serialized === BOB)).toMatchObject({ name: 'Bob Example', isMyContact: true, isWAContact: true, number: BOB.split('@')[0] });
    await expectCleanPage(client);
  });
});
