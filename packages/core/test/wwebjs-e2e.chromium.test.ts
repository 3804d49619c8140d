import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { createWwebjsDriverFactory, profileDir, realClientBuilder, type ClientLike } from '../src/drivers/wwebjs/index.js';
import { Session, type SessionState } from '../src/session/index.js';
import { FAKE_ACCOUNT, fakeChromiumArgs, installFakeWeb } from './fake-web/install-fake-web.js';
import { nextEvent } from './support/next-event.js';
import { silentLogger } from './support/silent-logger.js';

/**
 * The real whatsapp-web.js, puppeteer and Debian Chromium, driven through our driver and session,
 * against the fake WhatsApp Web page served from the library's local web-version cache. Nothing
 * leaves the machine: every host name resolves to nothing.
 */

interface Harness {
  session: Session;
  clients: ClientLike[];
  authDir: string;
  reach(state: SessionState, timeoutMs?: number): Promise<void>;
  knob(expression: string): Promise<unknown>;
}

const sessions: Session[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.shutdown();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function harness(options: { authDir?: string; installPage?: boolean; pageConfig?: Record<string, unknown> } = {}): Promise<Harness> {
  const authDir = options.authDir ?? mkdtempSync(join(tmpdir(), 'wa-e2e-'));
  if (!options.authDir) dirs.push(authDir);
  const cacheDir = join(authDir, 'web-cache');
  if (options.installPage !== false) await installFakeWeb(cacheDir);
  const config = loadConfig({
    WHATSAPP_AUTH_DIR: authDir,
    WHATSAPP_WEB_VERSION: 'fake',
    WHATSAPP_WEB_CACHE_DIR: cacheDir,
    WHATSAPP_CHROME_EXECUTABLE: '/usr/bin/chromium',
    WHATSAPP_HEADLESS: 'true',
  });
  const clients: ClientLike[] = [];
  const real = realClientBuilder({
    config,
    extraChromiumArgs: fakeChromiumArgs.filter((arg) => arg.startsWith('--host-resolver-rules')),
    extraClientOptions: options.pageConfig ? { evalOnNewDoc: `window.__fakeWaConfig = ${JSON.stringify(options.pageConfig)}` } : {},
  });
  const factory = createWwebjsDriverFactory({
    config,
    logger: silentLogger(),
    buildClient: async (input) => {
      const client = await real(input);
      clients.push(client);
      return client;
    },
  });
  const session = new Session({ factory, logger: silentLogger(), timeouts: { startMs: 30_000, callMs: 15_000, readyWaitMs: 20_000, shutdownMs: 15_000 } });
  sessions.push(session);
  return {
    session,
    clients,
    authDir,
    reach: (state, timeoutMs = 20_000) =>
      session.state === state ? Promise.resolve() : nextEvent(session, 'state_changed', ({ to }) => to === state, timeoutMs).then(() => undefined),
    knob: (expression) => {
      const page = clients.at(-1)?.pupPage as unknown as { evaluate(expression: string): Promise<unknown> };
      return page.evaluate(expression);
    },
  };
}

/** Chromium's helper processes exit a moment after the browser itself: allow them a few seconds. */
async function expectNoBrowserUsing(authDir: string): Promise<void> {
  await vi.waitFor(() => expect(browsersUsing(authDir)).toEqual([]), { timeout: 5000, interval: 100 });
}

/** Chromium processes whose command line names this profile. */
function browsersUsing(authDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', authDir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('wwebjs driver end to end on the fake WhatsApp Web page', () => {
  it('links with a QR, sends, reads, restores after a restart without a QR, and logs out', async () => {
    const first = await harness();
    const qr = nextEvent(first.session, 'qr', () => true, 30_000);
    await first.session.start();
    const [qrString] = await qr;
    expect(qrString.length).toBeGreaterThan(20);
    expect(first.session.snapshot()).toMatchObject({ state: 'qr' });

    await first.knob('window.__fakeWa.scan()');
    await first.reach('ready');
    expect(first.session.snapshot().account).toEqual({ wid: FAKE_ACCOUNT.wid, pushname: FAKE_ACCOUNT.pushname, platform: FAKE_ACCOUNT.platform });

    const sent = await first.session.call('send', (driver) => driver.sendText(FAKE_ACCOUNT.chats.alice, 'hello from the e2e test'));
    expect(sent).toMatchObject({ fromMe: true, body: 'hello from the e2e test', to: FAKE_ACCOUNT.chats.alice, type: 'chat' });
    const messages = await first.session.call('read', (driver) => driver.readMessages(FAKE_ACCOUNT.chats.alice, 3));
    expect(messages).toHaveLength(3);
    expect(messages.at(-1)).toMatchObject({ id: sent.id, body: 'hello from the e2e test' });
    const chats = await first.session.call('list', (driver) => driver.listChats(10));
    expect(chats[0]).toMatchObject({ id: FAKE_ACCOUNT.chats.alice, lastMessage: { id: sent.id } });
    expect(chats.map((chat) => chat.id).sort()).toEqual([...FAKE_ACCOUNT.initialChatOrder].sort());

    const browserPid = (first.clients[0]!.pupBrowser as unknown as { process(): { pid: number } }).process().pid;
    await first.session.shutdown();
    await expectNoBrowserUsing(first.authDir);
    expect(() => process.kill(browserPid, 0)).toThrow();

    const second = await harness({ authDir: first.authDir });
    const sawQr: string[] = [];
    second.session.on('qr', (value) => sawQr.push(value));
    expect(await second.session.resumeIfSaved()).toBe(true);
    await second.reach('ready');
    expect(sawQr).toEqual([]);
    const restored = await second.session.call('read', (driver) => driver.readMessages(FAKE_ACCOUNT.chats.alice, 1));
    expect(restored[0]?.id).toBe(sent.id);

    await second.session.logout();
    expect(second.session.state).toBe('stopped');
    expect(existsSync(profileDir(first.authDir))).toBe(false);
    await expectNoBrowserUsing(first.authDir);
  });

  it('links with a pairing code typed on the phone', async () => {
    const h = await harness();
    const outcome = await h.session.requestPairingCode(FAKE_ACCOUNT.phoneNumber);
    expect(outcome).toMatchObject({ alreadyAuthenticated: false, phoneNumber: FAKE_ACCOUNT.phoneNumber });
    const code = (outcome as { code: string }).code;
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(h.session.snapshot()).toMatchObject({ state: 'qr', pairingCode: { code, phoneNumber: FAKE_ACCOUNT.phoneNumber } });
    await h.knob(`window.__fakeWa.enterPairingCode(${JSON.stringify(code)})`);
    await h.reach('ready');
    expect(h.session.snapshot().account?.wid).toBe(FAKE_ACCOUNT.wid);
  });

  it('asks a client that shows a QR for a pairing code', async () => {
    const h = await harness();
    await h.session.start();
    await h.reach('qr');
    const outcome = await h.session.requestPairingCode(FAKE_ACCOUNT.phoneNumber);
    expect(outcome).toMatchObject({ alreadyAuthenticated: false, code: expect.stringMatching(/^[A-Z0-9]{8}$/) });
  });

  it('records a phone-side logout and shows a new QR', async () => {
    const h = await harness({ pageConfig: { autoScanAfterMs: 200 } });
    await h.session.start();
    await h.reach('ready');
    const disconnected = h.reach('disconnected');
    const qr = nextEvent(h.session, 'qr', () => true, 20_000);
    await h.knob('window.__fakeWa.phoneLogout()').catch(() => undefined);
    await disconnected;
    expect(h.session.snapshot().lastError).toContain('LOGOUT');
    await qr;
    expect(h.session.snapshot()).toMatchObject({ state: 'qr', account: null });
  });

  it('notices Chromium being killed while ready', async () => {
    const h = await harness({ pageConfig: { autoScanAfterMs: 200 } });
    await h.session.start();
    await h.reach('ready');
    const pid = (h.clients[0]!.pupBrowser as unknown as { process(): { pid: number } }).process().pid;
    const disconnected = h.reach('disconnected');
    process.kill(pid, 'SIGKILL');
    await disconnected;
    expect(h.session.snapshot().lastError).toMatch(/Chromium exited/);
    await h.session.start();
    await h.reach('ready', 30_000);
  });

  it('ends an unreachable start in a retryable state with last_error and no Chromium left', async () => {
    const h = await harness({ installPage: false });
    const started = Date.now();
    await expect(h.session.start()).rejects.toMatchObject({ code: 'browser_unavailable' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(h.session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringMatching(/ERR_NAME_NOT_RESOLVED|net::/) });
    await expectNoBrowserUsing(h.authDir);
    // Retryable: with the page reachable again, the same session starts.
    await installFakeWeb(join(h.authDir, 'web-cache'));
    await h.session.start();
    await h.reach('qr');
  });
});
