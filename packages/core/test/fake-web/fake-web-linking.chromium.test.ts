// The REAL whatsapp-web.js Client driving fake.html: linking by QR, sending, reading, restoring and
// conflicts. (The module guard is a unit test: required-modules.test.ts.)
import { join } from 'node:path';
import type wwebjs from 'whatsapp-web.js';
import { describe, expect, it } from 'vitest';
import { FAKE_ACCOUNT } from './install-fake-web.js';
import { OPTIONAL_HOOK_MODULES } from './required-modules.js';
import {
  ALICE,
  BOB,
  EventLog,
  GROUP,
  ME,
  type WaMessage,
  createClient,
  fake,
  fakeState,
  ids,
  isSortedBy,
  processesOfThisRun,
  setup,
  startLinked,
  trackPids,
  useRawClientHarness,
  waitForExit,
  waitForNoProcessesOfThisRun,
} from './raw-client-harness.js';

useRawClientHarness();

describe('fake WhatsApp Web under the real whatsapp-web.js Client', () => {
  it('links by QR scan, then sends, lists, reads and receives text', async () => {
    const s = await setup('qr-flow');
    const client = createClient(s);
    const log = new EventLog(client);
    await client.initialize();
    const pids = trackPids(client);

    const [qr] = await log.wait('qr');
    const parts = String(qr).split(',');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toMatch(/^2@/);
    expect(await client.getState()).toBe('UNPAIRED');
    expect(log.names()).not.toContain('authenticated');

    await fake(client, 'scan');
    await log.wait('ready');
    const names = log.names();
    expect(names.indexOf('authenticated')).toBeGreaterThan(names.indexOf('qr'));
    expect(names.indexOf('authenticated')).toBeLessThan(names.indexOf('ready'));
    expect(names).not.toContain('disconnected');

    expect(client.info.wid._serialized).toBe(ME);
    expect(client.info.pushname).toBe(FAKE_ACCOUNT.pushname);
    expect(client.info.platform).toBe(FAKE_ACCOUNT.platform);
    expect(await client.getState()).toBe('CONNECTED');

    const before = await client.getChats();
    expect(ids(before)).toEqual(FAKE_ACCOUNT.initialChatOrder);
    expect(before.map((c) => c.isGroup)).toEqual([true, false, false]);
    expect(before.find((c) => c.id._serialized === BOB)?.unreadCount).toBe(1);

    const t0 = Math.floor(Date.now() / 1000);
    const sent = await client.sendMessage(ALICE, 'hi', { sendSeen: false });
    const t1 = Math.ceil(Date.now() / 1000);
    expect(sent.id._serialized).toBe(`true_${ALICE}_${sent.id.id}`);
    expect(sent.id.fromMe).toBe(true);
    expect(sent.id.remote).toBe(ALICE);
    expect(sent.fromMe).toBe(true);
    expect(sent.body).toBe('hi');
    expect(sent.type).toBe('chat');
    expect(sent.from).toBe(ME);
    expect(sent.to).toBe(ALICE);
    expect(sent.timestamp).toBeGreaterThanOrEqual(t0);
    expect(sent.timestamp).toBeLessThanOrEqual(t1);

    const [created] = await log.wait('message_create', { where: (m: WaMessage) => m.id._serialized === sent.id._serialized });
    expect((created as WaMessage).body).toBe('hi');
    await log.wait('message_ack', { where: (m: WaMessage, ack: number) => m.id._serialized === sent.id._serialized && ack >= 1 });
    expect(log.all('message').map(([m]) => (m as WaMessage).id._serialized)).not.toContain(sent.id._serialized);

    const after = await client.getChats();
    expect(ids(after)).toEqual([ALICE, GROUP, BOB]);
    expect(isSortedBy(after.map((c) => c.timestamp), 'desc')).toBe(true);
    expect(after[0]!.lastMessage?.id._serialized).toBe(sent.id._serialized);
    expect(after[0]!.name).toBe('Alice Example');

    const chat = await client.getChatById(ALICE);
    expect(chat.id._serialized).toBe(ALICE);
    const history = await chat.fetchMessages({ limit: 10 });
    expect(history).toHaveLength(6); // five seeded, two of them loaded on demand, plus ours
    expect(history.at(-1)!.id._serialized).toBe(sent.id._serialized);
    expect(isSortedBy(history.map((m) => m.timestamp), 'asc')).toBe(true);

    const since = log.mark();
    const incomingId = await fake<string>(client, 'receiveMessage', BOB, 'ping');
    const [incoming] = (await log.wait('message', { since })) as [WaMessage];
    expect(incoming.id._serialized).toBe(incomingId);
    expect(incoming.body).toBe('ping');
    expect(incoming.fromMe).toBe(false);
    expect(incoming.from).toBe(BOB);
    expect(incoming.to).toBe(ME);
    await log.wait('message_create', { since, where: (m: WaMessage) => m.id._serialized === incomingId });
    expect(ids(await client.getChats())[0]).toBe(BOB);

    const state = await fakeState(client);
    expect(state.errors).toEqual([]);
    expect(state.unknownRequires.filter((n) => !(OPTIONAL_HOOK_MODULES as readonly string[]).includes(n))).toEqual([]);

    const browserPid = client.pupBrowser!.process()!.pid!;
    expect(processesOfThisRun(), 'the leftover check can see our Chromium').toContain(browserPid);
    await client.destroy();
    for (const pid of pids) expect(await waitForExit(pid, 10_000), `pid ${pid} after destroy()`).toBe(true);
    expect(await waitForNoProcessesOfThisRun(10_000)).toEqual([]);
  });

  it('links by itself with __fakeWaConfig.autoScanAfterMs; history, new and unknown numbers, replies, groups, mark read', async () => {
    const s = await setup('messages');
    const { client, log } = await startLinked(s, { fakeConfig: { autoScanAfterMs: 300 } });
    expect(log.all('qr')).toHaveLength(1);
    expect((await fakeState(client)).linkedDevice?.via).toBe('qr');

    // History: three messages loaded, two behind WAWebChatLoadMessages; oldest first either way.
    const alice = await client.getChatById(ALICE);
    expect((await alice.fetchMessages({ limit: 2 })).map((m) => m.body)).toEqual(['Sure, 12:30', 'See you then']);
    const all = await alice.fetchMessages({ limit: 50 });
    expect(all.map((m) => m.body)).toEqual(["Hi, it's Alice", 'Hello Alice', 'Lunch tomorrow?', 'Sure, 12:30', 'See you then']);
    expect(all.map((m) => m.fromMe)).toEqual([false, true, false, true, false]);

    // A number on WhatsApp that is not in the chat list, and one that is not on WhatsApp.
    const newDigits = FAKE_ACCOUNT.newContact.split('@')[0]!;
    expect((await client.getNumberId(newDigits))?._serialized).toBe(FAKE_ACCOUNT.newContact);
    expect(await client.getNumberId(FAKE_ACCOUNT.unregisteredNumber)).toBeNull();
    expect(await client.isRegisteredUser(FAKE_ACCOUNT.unregisteredNumber)).toBe(false);
    const toNew = await client.sendMessage(FAKE_ACCOUNT.newContact, 'hello new', { sendSeen: false });
    expect(toNew.id.remote).toBe(FAKE_ACCOUNT.newContact);
    const chats = await client.getChats();
    expect(ids(chats)[0]).toBe(FAKE_ACCOUNT.newContact);
    expect(chats[0]!.name).toBe(`+${newDigits}`);
    expect(chats).toHaveLength(4);
    await expect(
      client.sendMessage(`${FAKE_ACCOUNT.unregisteredNumber}@c.us`, 'nobody', { sendSeen: false }),
    ).rejects.toThrow(/not on WhatsApp/);

    // A group message carries its author; the group lists its members.
    const since = log.mark();
    await fake(client, 'receiveMessage', GROUP, 'hi all', ALICE);
    const [inGroup] = (await log.wait('message', { since })) as [WaMessage];
    expect(inGroup.from).toBe(GROUP);
    expect(inGroup.author).toBe(ALICE);
    expect(inGroup.id._serialized).toBe(`false_${GROUP}_${inGroup.id.id}_${ALICE}`);
    const group = (await client.getChatById(GROUP)) as wwebjs.GroupChat;
    expect(group.isGroup).toBe(true);
    expect(group.name).toBe('Fake Group');
    expect(group.participants.map((p) => p.id._serialized).sort()).toEqual([ME, ALICE, BOB].sort());

    // A reply quotes the message it answers.
    const reply = await inGroup.reply('pong');
    expect(reply.hasQuotedMsg).toBe(true);
    expect(reply.id._serialized).toBe(`true_${GROUP}_${reply.id.id}_${ME}`);
    expect((await reply.getQuotedMessage())?.id._serialized).toBe(inGroup.id._serialized);

    // Unread counts, and marking read as its own operation.
    expect((await client.getChatById(BOB)).unreadCount).toBe(1);
    await fake(client, 'receiveMessage', BOB, 'are you there?');
    await log.wait('unread_count', { where: (c: wwebjs.Chat) => c.id._serialized === BOB && c.unreadCount === 2 });
    expect(await client.sendSeen(BOB)).toBe(true);
    expect((await client.getChatById(BOB)).unreadCount).toBe(0);

    // Presence, and a message fetched by id.
    await client.sendPresenceAvailable();
    expect((await fakeState(client)).streamAvailable).toBe(true);
    await client.sendPresenceUnavailable();
    expect((await fakeState(client)).streamAvailable).toBe(false);
    expect((await client.getMessageById(all[0]!.id._serialized))?.body).toBe("Hi, it's Alice");
    expect(await client.getMessageById(`false_${ALICE}_0000DOESNOTEXIST`)).toBeNull();

    // Contacts.
    const contact = await client.getContactById(ALICE);
    expect(contact.name).toBe('Alice Example');
    expect(contact.isMyContact).toBe(true);
    expect(contact.isMe).toBe(false);
    expect((await client.getContactById(ME)).isMe).toBe(true);

    const state = await fakeState(client);
    expect(state.errors).toEqual([]);
    expect(state.unknownRequires.filter((n) => !(OPTIONAL_HOOK_MODULES as readonly string[]).includes(n))).toEqual([]);
  });

  it('restores a session on restart without a QR, keeps its messages, and disconnects on CONFLICT', async () => {
    const s = await setup('restart');
    const first = await startLinked(s);
    const kept = await first.client.sendMessage(ALICE, 'before restart', { sendSeen: false });
    await first.log.wait('message_ack', { where: (m: WaMessage, ack: number) => m.id._serialized === kept.id._serialized && ack >= 2 });
    await first.client.destroy();

    const client = createClient(s); // no auto-scan: only a saved session can make it ready
    const log = new EventLog(client);
    await client.initialize();
    trackPids(client);
    await log.wait('ready');
    expect(log.all('qr')).toEqual([]);
    expect(log.names().slice(0, 4)).toEqual(['loading_screen', 'loading_screen', 'authenticated', 'ready']);
    expect(client.info.wid._serialized).toBe(ME);
    const history = await (await client.getChatById(ALICE)).fetchMessages({ limit: 3 });
    expect(history.at(-1)?.id._serialized).toBe(kept.id._serialized);

    await fake(client, 'conflict');
    await log.wait('change_state', { where: (state: string) => state === 'CONFLICT' });
    await log.wait('disconnected', { where: (reason: string) => reason === 'CONFLICT' });
    const pid = client.pupBrowser!.process()!.pid!;
    expect(await waitForExit(pid, 10_000), 'the library destroys itself after CONFLICT').toBe(true);
  });

  it('takeoverOnConflict takes the session back; resetState() reconnects', async () => {
    const s = await setup('takeover');
    const { client, log } = await startLinked(s, { options: { takeoverOnConflict: true, takeoverTimeoutMs: 100 } });
    const since = log.mark();
    await fake(client, 'conflict');
    await log.wait('change_state', { since, where: (state: string) => state === 'CONFLICT' });
    await log.wait('change_state', { since, where: (state: string) => state === 'CONNECTED' });
    expect(await client.getState()).toBe('CONNECTED');

    const before = log.mark();
    await client.resetState();
    await log.wait('change_state', { since: before, where: (state: string) => state === 'CONNECTED' });
    expect(log.entries.slice(before).map((e) => `${e.name}:${String(e.args[0])}`)).toEqual(['change_state:OPENING', 'change_state:CONNECTED']);
    expect(log.names()).not.toContain('disconnected');
    expect(await client.sendMessage(BOB, 'still here', { sendSeen: false })).toBeTruthy();
  });
});
