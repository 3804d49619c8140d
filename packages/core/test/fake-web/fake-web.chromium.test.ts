// The REAL whatsapp-web.js Client (real puppeteer, Debian Chromium, headless, no network) driving
// fake.html, served through the library's own local web-version cache. Each test has its own temp
// dir and its own browser, always destroyed; no Chromium may outlive the file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import wwebjs from 'whatsapp-web.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { FAKE_ACCOUNT, fakeChromiumArgs, installFakeWeb } from './install-fake-web.js';
import { checkModuleContract, OPTIONAL_HOOK_MODULES } from './required-modules.js';

const { Client, LocalAuth } = wwebjs;
type WaClient = InstanceType<typeof Client>;
type WaMessage = wwebjs.Message;
type ClientOptions = wwebjs.ClientOptions;

const WAIT_MS = 15_000;
const ME = FAKE_ACCOUNT.wid;
const { alice: ALICE, bob: BOB, group: GROUP } = FAKE_ACCOUNT.chats;

// ---------------------------------------------------------------------------------------------
// Harness: temp dirs, clients, event log, knobs, process checks
// ---------------------------------------------------------------------------------------------
let root = '';
const RUN_MARKER = 'FAKE_WEB_TEST_RUN';
const started: { client: WaClient; pids: Set<number> }[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fake-web-'));
});

afterEach(async () => {
  const leftovers: number[] = [];
  for (const { client, pids } of started.splice(0)) {
    noteBrowserPids(client, pids);
    await withTimeout(client.destroy(), 20_000, 'destroy()').catch(() => undefined);
    for (const pid of pids) if (!(await waitForExit(pid, 10_000))) leftovers.push(pid);
  }
  // Also the processes Chromium reparents to init (crashpad handlers), found by our env marker.
  leftovers.push(...(await waitForNoProcessesOfThisRun(10_000)));
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  expect(leftovers, 'Chromium processes left after destroy()').toEqual([]);
});

afterAll(async () => {
  const strays = await waitForNoProcessesOfThisRun(5_000);
  for (const pid of strays) process.kill(pid, 'SIGKILL');
  if (root) await rm(root, { recursive: true, force: true });
  expect(strays, 'processes started by this file still running').toEqual([]);
});

interface Setup {
  dir: string;
  dataPath: string;
  cacheDir: string;
}

/** A fresh dir with the fake page installed in its cache (unless `install: false`). */
async function setup(name: string, { install = true } = {}): Promise<Setup> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const cacheDir = join(dir, 'cache');
  await mkdir(cacheDir, { recursive: true });
  if (install) await installFakeWeb(cacheDir);
  return { dir, dataPath: join(dir, 'auth'), cacheDir };
}

interface ClientSetup {
  /** window.__fakeWaConfig for the page, injected with the Client's evalOnNewDoc option. */
  fakeConfig?: Record<string, unknown>;
  strict?: boolean;
  options?: Partial<ClientOptions>;
}

function createClient(s: Setup, { fakeConfig, strict = true, options = {} }: ClientSetup = {}): WaClient {
  const client = new Client({
    webVersion: 'fake',
    webVersionCache: { type: 'local', path: s.cacheDir, strict },
    authStrategy: new LocalAuth({ dataPath: s.dataPath, clientId: 'default' }),
    puppeteer: {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: fakeChromiumArgs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Inherited by every Chromium process, even those reparented to init: how we find ours.
      env: { ...process.env, [RUN_MARKER]: root },
    },
    ...(fakeConfig
      ? { evalOnNewDoc: new Function(`window.__fakeWaConfig = ${JSON.stringify(fakeConfig)};`) }
      : {}),
    ...options,
  });
  started.push({ client, pids: new Set() });
  return client;
}

const EVENTS = [
  'qr', 'code', 'authenticated', 'ready', 'loading_screen', 'change_state', 'disconnected',
  'message', 'message_create', 'message_ack', 'unread_count',
] as const;
type EventName = (typeof EVENTS)[number];

/** Records every client event from before initialize(); waits look back into the record. */
class EventLog {
  readonly entries: { name: EventName; args: unknown[] }[] = [];
  private waiters: (() => void)[] = [];

  constructor(client: WaClient) {
    for (const name of EVENTS) {
      client.on(name, (...args: unknown[]) => {
        this.entries.push({ name, args });
        for (const wake of this.waiters.splice(0)) wake();
      });
    }
  }

  names(): EventName[] {
    return this.entries.map((e) => e.name);
  }

  all(name: EventName): unknown[][] {
    return this.entries.filter((e) => e.name === name).map((e) => e.args);
  }

  /** Position to pass as `since` to only match later events. */
  mark(): number {
    return this.entries.length;
  }

  async wait(
    name: EventName,
    { since = 0, where = () => true, timeoutMs = WAIT_MS }: { since?: number; where?: (...args: any[]) => boolean; timeoutMs?: number } = {},
  ): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.entries.slice(since).find((e) => e.name === name && where(...e.args));
      if (hit) return hit.args;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no '${name}' event within ${timeoutMs} ms; saw: ${this.names().join(', ') || 'nothing'}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }
}

/** Calls a knob on window.__fakeWa inside the page. */
async function fake<T = unknown>(client: WaClient, knob: string, ...args: unknown[]): Promise<T> {
  return (await client.pupPage!.evaluate(
    (k: string, a: unknown[]) => (globalThis as any).__fakeWa[k](...a),
    knob,
    args,
  )) as T;
}

interface FakeState {
  socketState: string;
  hasSynced: boolean;
  paired: boolean;
  me: string | null;
  linking: string | null;
  pairing: { code: string; phoneNumber: string } | null;
  linkedDevice: { name: string; os: string; via: string } | null;
  streamAvailable: boolean;
  chats: { id: string; unreadCount: number; loaded: number; earlier: number }[];
  unknownRequires: string[];
  errors: string[];
}
const fakeState = (client: WaClient) => fake<FakeState>(client, 'state');

/** Records the browser pid and its child processes (renderer, zygote, gpu...) for the exit check. */
function noteBrowserPids(client: WaClient, pids: Set<number>): void {
  const pid = client.pupBrowser?.process()?.pid;
  if (pid === undefined) return;
  pids.add(pid);
  for (const child of descendants(pid)) pids.add(child);
}

function trackPids(client: WaClient): Set<number> {
  const entry = started.find((s) => s.client === client);
  if (!entry) throw new Error('untracked client');
  noteBrowserPids(client, entry.pids);
  return entry.pids;
}

function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    const next = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    found.push(...next);
    frontier = next;
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'; // zombies are dead
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Live processes (other than this one) whose environment carries this file's run marker. */
function processesOfThisRun(): number[] {
  if (!root) return [];
  const marker = `${RUN_MARKER}=${root}\0`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker) && isAlive(Number(entry));
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitForNoProcessesOfThisRun(timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = processesOfThisRun();
    if (live.length === 0 || Date.now() > deadline) return live;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms); }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Launches with `fakeConfig.autoScanAfterMs` so the page links by itself, and waits for ready. */
async function startLinked(s: Setup, setup: ClientSetup = {}): Promise<{ client: WaClient; log: EventLog }> {
  const client = createClient(s, { ...setup, fakeConfig: { autoScanAfterMs: 200, ...setup.fakeConfig } });
  const log = new EventLog(client);
  await client.initialize();
  trackPids(client);
  await log.wait('ready');
  return { client, log };
}

const ids = (items: { id: { _serialized: string } }[]) => items.map((i) => i.id._serialized);
const isSortedBy = (values: number[], order: 'asc' | 'desc') =>
  values.every((v, i) => i === 0 || (order === 'asc' ? values[i - 1]! <= v : values[i - 1]! >= v));

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------
describe('fake WhatsApp Web under the real whatsapp-web.js Client', () => {
  it('provides every module the installed library requires, except the documented NOT_COVERED ones', async () => {
    const report = await checkModuleContract();
    // The scanner must see all three spellings, or an empty diff would mean nothing.
    expect(report.required).toEqual(expect.arrayContaining([
      'WAWebCollections', // window.require('WAWebCollections')
      'WAWebNonMessageDataRequestPlaceholderMessageResendUtils', // multi-line with trailing comma
      'WAWebBackendJobsCommon', // injectToFunction({ module: ... })
    ]));
    expect(report.provided).toContain('WAWebSocketModel');
    expect(report.libraryVersion, 'fake.html is written against this exact release').toBe('1.34.7');

    const where = Object.entries(report.missingWhere).map(([name, at]) => `${name} (${at.join(', ')})`);
    expect(report.missing, `library modules neither provided by fake.html nor in NOT_COVERED: ${where.join('; ')}`).toEqual([]);
    expect(report.staleNotCovered, 'NOT_COVERED names the library no longer uses').toEqual([]);
    expect(report.unusedProvided, 'modules fake.html defines that the library no longer uses').toEqual([]);
    expect(report.contradictory, 'modules both provided and listed as NOT_COVERED').toEqual([]);
  });

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

  it('logout() unlinks and deletes <dataPath>/session-default; the next start needs a QR', async () => {
    const s = await setup('logout');
    const { client } = await startLinked(s);
    const sessionDir = join(s.dataPath, 'session-default');
    expect(existsSync(sessionDir)).toBe(true);
    const pid = client.pupBrowser!.process()!.pid!;

    await client.logout();
    expect(existsSync(sessionDir)).toBe(false);
    expect(await waitForExit(pid, 10_000)).toBe(true);

    const again = createClient(s);
    const log = new EventLog(again);
    await again.initialize();
    trackPids(again);
    await log.wait('qr');
    expect((await fakeState(again)).paired).toBe(false);
  });

  it('a logout on the phone emits disconnected(LOGOUT) and the same client shows a new QR and can relink', async () => {
    const s = await setup('phone-logout');
    const client = createClient(s);
    const log = new EventLog(client);
    await client.initialize();
    trackPids(client);
    await log.wait('qr');
    await fake(client, 'scan');
    await log.wait('ready');

    const since = log.mark();
    await fake(client, 'phoneLogout');
    await log.wait('disconnected', { since, where: (reason: string) => reason === 'LOGOUT' });
    const [qr] = await log.wait('qr', { since });
    expect(qr).not.toBe(log.all('qr')[0]![0]);
    const state = await fakeState(client);
    expect(state.paired).toBe(false);
    expect(state.socketState).toBe('UNPAIRED');

    await fake(client, 'scan');
    await log.wait('ready', { since });
    expect(await client.getState()).toBe('CONNECTED');
  });

  it('pairWithPhoneNumber emits an 8-character code instead of a QR; entering it links', async () => {
    const s = await setup('pairing-option');
    const client = createClient(s, {
      options: {
        pairWithPhoneNumber: { phoneNumber: FAKE_ACCOUNT.phoneNumber, showNotification: false, intervalMs: 180_000 },
        deviceName: 'Gateway Test',
        browserName: 'Firefox',
      },
    });
    const log = new EventLog(client);
    await client.initialize();
    trackPids(client);
    const [code] = await log.wait('code');
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(log.all('qr')).toEqual([]);
    await expect(fake(client, 'scan')).rejects.toThrow(/pairing-code mode/);
    await expect(fake(client, 'enterPairingCode', 'WRONG123')).rejects.toThrow(/wrong pairing code/);

    await fake(client, 'enterPairingCode', code);
    await log.wait('ready');
    expect(client.info.wid._serialized).toBe(ME);
    const state = await fakeState(client);
    expect(state.linkedDevice).toMatchObject({ via: 'code', os: 'Gateway Test', name: 'Firefox' });
    expect(log.all('qr')).toEqual([]);
  });

  it('requestPairingCode() after the first qr returns a code bound to that number', async () => {
    const s = await setup('pairing-call');
    const client = createClient(s);
    const log = new EventLog(client);
    await client.initialize();
    trackPids(client);
    await log.wait('qr');

    const forAlice = await client.requestPairingCode(ALICE.split('@')[0]!, false);
    expect(forAlice).toMatch(/^[A-Z0-9]{8}$/);
    await expect(fake(client, 'enterPairingCode')).rejects.toThrow(/requested for \+15550002222/);

    const since = log.mark();
    const code = await client.requestPairingCode(FAKE_ACCOUNT.phoneNumber, false);
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(code).not.toBe(forAlice);
    const [emitted] = await log.wait('code', { since });
    expect(emitted).toBe(code);
    expect((await fakeState(client)).pairing).toMatchObject({ code, phoneNumber: FAKE_ACCOUNT.phoneNumber });

    await fake(client, 'enterPairingCode', code);
    await log.wait('ready');
    expect(await client.getState()).toBe('CONNECTED');
  });

  it('rotates the QR, and qrMaxRetries gives up with disconnected', async () => {
    const s = await setup('qr-rotation');
    const client = createClient(s, { fakeConfig: { qrRotateMs: 250 }, options: { qrMaxRetries: 2 } });
    const log = new EventLog(client);
    await client.initialize();
    const pid = client.pupBrowser!.process()!.pid!;
    trackPids(client);

    await log.wait('disconnected', { where: (reason: string) => reason === 'Max qrcode retries reached' });
    const qrs = log.all('qr').map(([qr]) => String(qr));
    expect(qrs).toHaveLength(3);
    expect(new Set(qrs.map((q) => q.split(',')[0])).size).toBe(3); // a new ref each time
    expect(new Set(qrs.map((q) => q.split(',').slice(1).join(','))).size).toBe(1); // same device keys
    expect(await waitForExit(pid, 10_000), 'the library destroys itself after the last retry').toBe(true);
  });

  it('with the page missing from a strict cache, initialize() rejects quickly and destroy() leaves no Chromium', async () => {
    const s = await setup('no-page-strict', { install: false });
    const client = createClient(s, { strict: true });
    const t0 = Date.now();
    await expect(client.initialize()).rejects.toThrow(/Couldn't load version fake from the cache/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const pids = trackPids(client);
    const [browserPid] = [...pids];
    expect(browserPid && isAlive(browserPid), 'Chromium keeps running until destroy()').toBe(true);

    await client.destroy();
    for (const pid of pids) expect(await waitForExit(pid, 10_000), `pid ${pid} after destroy()`).toBe(true);
  });

  it('without a cached page the real URL cannot be reached: initialize() rejects with ERR_NAME_NOT_RESOLVED', async () => {
    const s = await setup('no-page-lenient', { install: false });
    const client = createClient(s, { strict: false });
    const t0 = Date.now();
    await expect(client.initialize()).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const pids = trackPids(client);
    expect(pids.size).toBeGreaterThan(0);

    await client.destroy();
    for (const pid of pids) expect(await waitForExit(pid, 10_000), `pid ${pid} after destroy()`).toBe(true);
  });
});
