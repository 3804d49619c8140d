// Harness for driving fake.html with the REAL whatsapp-web.js Client (real puppeteer, Debian
// Chromium, headless, no network), served through the library's own local web-version cache. Each
// test has its own temp dir and its own browser, always destroyed; no Chromium may outlive the file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import wwebjs from 'whatsapp-web.js';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { FAKE_ACCOUNT, fakeChromiumArgs, installFakeWeb } from './install-fake-web.js';

const { Client, LocalAuth } = wwebjs;
export type WaClient = InstanceType<typeof Client>;
export type WaMessage = wwebjs.Message;
type ClientOptions = wwebjs.ClientOptions;

export const WAIT_MS = 15_000;
export const ME = FAKE_ACCOUNT.wid;
export const { alice: ALICE, bob: BOB, group: GROUP } = FAKE_ACCOUNT.chats;

// ---------------------------------------------------------------------------------------------
// Harness: temp dirs, clients, event log, knobs, process checks
// ---------------------------------------------------------------------------------------------
let root = '';
const RUN_MARKER = 'FAKE_WEB_TEST_RUN';
const started: { client: WaClient; pids: Set<number> }[] = [];

/** Registers the per-file hooks: a temp root, and no Chromium left after each test and the file. */
export function useRawClientHarness(): void {
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
}

export interface Setup {
  dir: string;
  dataPath: string;
  cacheDir: string;
}

/** A fresh dir with the fake page installed in its cache (unless `install: false`). */
export async function setup(name: string, { install = true } = {}): Promise<Setup> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const cacheDir = join(dir, 'cache');
  await mkdir(cacheDir, { recursive: true });
  if (install) await installFakeWeb(cacheDir);
  return { dir, dataPath: join(dir, 'auth'), cacheDir };
}

export interface ClientSetup {
  /** window.__fakeWaConfig for the page, injected with the Client's evalOnNewDoc option. */
  fakeConfig?: Record<string, unknown>;
  strict?: boolean;
  options?: Partial<ClientOptions>;
}

export function createClient(s: Setup, { fakeConfig, strict = true, options = {} }: ClientSetup = {}): WaClient {
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

export const EVENTS = [
  'qr', 'code', 'authenticated', 'ready', 'loading_screen', 'change_state', 'disconnected',
  'message', 'message_create', 'message_ack', 'unread_count',
  'message_reaction', 'message_edit', 'message_revoke_everyone', 'message_revoke_me',
] as const;
export type EventName = (typeof EVENTS)[number];

/** Records every client event from before initialize(); waits look back into the record. */
export class EventLog {
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
export async function fake<T = unknown>(client: WaClient, knob: string, ...args: unknown[]): Promise<T> {
  return (await client.pupPage!.evaluate(
    (k: string, a: unknown[]) => (globalThis as any).__fakeWa[k](...a),
    knob,
    args,
  )) as T;
}

export interface FakeState {
  socketState: string;
  hasSynced: boolean;
  paired: boolean;
  me: string | null;
  linking: string | null;
  pairing: { code: string; phoneNumber: string } | null;
  linkedDevice: { name: string; os: string; via: string } | null;
  streamAvailable: boolean;
  chatStates: Record<string, 'typing' | 'recording' | 'paused'>;
  media: { uploads: { directPath: string; mediaType: string; size: number }[]; downloads: { directPath: string; type: string; size: number }[]; storedFiles: number };
  chats: { id: string; unreadCount: number; loaded: number; earlier: number }[];
  unknownRequires: string[];
  errors: string[];
}
export const fakeState = (client: WaClient) => fake<FakeState>(client, 'state');

/** Records the browser pid and its child processes (renderer, zygote, gpu...) for the exit check. */
export function noteBrowserPids(client: WaClient, pids: Set<number>): void {
  const pid = client.pupBrowser?.process()?.pid;
  if (pid === undefined) return;
  pids.add(pid);
  for (const child of descendants(pid)) pids.add(child);
}

export function trackPids(client: WaClient): Set<number> {
  const entry = started.find((s) => s.client === client);
  if (!entry) throw new Error('untracked client');
  noteBrowserPids(client, entry.pids);
  return entry.pids;
}

export function descendants(pid: number): number[] {
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

export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'; // zombies are dead
  } catch {
    return false;
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Live processes (other than this one) whose environment carries this file's run marker. */
export function processesOfThisRun(): number[] {
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

export async function waitForNoProcessesOfThisRun(timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = processesOfThisRun();
    if (live.length === 0 || Date.now() > deadline) return live;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
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
export async function startLinked(s: Setup, setup: ClientSetup = {}): Promise<{ client: WaClient; log: EventLog }> {
  const client = createClient(s, { ...setup, fakeConfig: { autoScanAfterMs: 200, ...setup.fakeConfig } });
  const log = new EventLog(client);
  await client.initialize();
  trackPids(client);
  await log.wait('ready');
  return { client, log };
}

export const ids = (items: { id: { _serialized: string } }[]) => items.map((i) => i.id._serialized);
export const isSortedBy = (values: number[], order: 'asc' | 'desc') =>
  values.every((v, i) => i === 0 || (order === 'asc' ? values[i - 1]! <= v : values[i - 1]! >= v));
