import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileDir } from '../src/drivers/wwebjs/index.js';
import { FAKE_ACCOUNT, installFakeWeb } from './fake-web/install-fake-web.js';
import { expectNoBrowserUsing, harness, useE2eHarness } from './support/e2e-harness.js';
import { nextEvent } from './support/next-event.js';

/** Linking, messaging, restoring and logging out through our session on the real library. */
useE2eHarness();

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
