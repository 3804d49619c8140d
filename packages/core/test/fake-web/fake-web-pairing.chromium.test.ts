// The REAL whatsapp-web.js Client driving fake.html: logout both ways, pairing codes, QR rotation
// and starts that cannot reach the page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_ACCOUNT } from './install-fake-web.js';
import {
  ALICE,
  EventLog,
  ME,
  createClient,
  fake,
  fakeState,
  isAlive,
  setup,
  startLinked,
  trackPids,
  useRawClientHarness,
  waitForExit,
} from './raw-client-harness.js';

useRawClientHarness();

describe('fake WhatsApp Web under the real whatsapp-web.js Client: unlinking, pairing codes, failures', () => {
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
