import { describe, expect, it, vi } from 'vitest';
import { createWwebjsDriverFactory, isProcessAlive } from '../src/drivers/wwebjs/index.js';
import { loadConfig } from '../src/config/index.js';
import { Session, type SessionState } from '../src/session/index.js';
import { runDriverContract } from './driver-contract.js';
import { FAKE_ME, FakeWwebjsClient, type FakeClientScript } from './support/fake-wwebjs-client.js';
import { nextEvent } from './support/next-event.js';
import { silentLogger } from './support/silent-logger.js';

const config = loadConfig({ WHATSAPP_AUTH_DIR: '/tmp/wa-fake-client' });

runDriverContract('wwebjs over a fake Client', async () => {
  const client = new FakeWwebjsClient();
  const factory = createWwebjsDriverFactory({ config, logger: silentLogger(), buildClient: async () => client });
  return { driver: await factory.create(), link: () => client.scan(), wid: FAKE_ME, knownChat: '15550002222@c.us' };
});

function setup(script: FakeClientScript = {}, timeouts: Partial<{ startMs: number; callMs: number }> = {}) {
  const clients: FakeWwebjsClient[] = [];
  const factory = createWwebjsDriverFactory({
    config,
    logger: silentLogger(),
    buildClient: async ({ pairingPhoneNumber }) => {
      const client = new FakeWwebjsClient({ ...script, pairingPhoneNumber });
      clients.push(client);
      return client;
    },
  });
  const session = new Session({
    factory,
    logger: silentLogger(),
    timeouts: { startMs: 2000, callMs: 1000, readyWaitMs: 2000, shutdownMs: 3000, ...timeouts },
  });
  const reach = (state: SessionState) =>
    session.state === state ? Promise.resolve() : nextEvent(session, 'state_changed', ({ to }) => to === state).then(() => undefined);
  const latest = () => clients.at(-1)!;
  return { session, clients, latest, reach };
}

describe('wwebjs driver with the library quirks scripted', () => {
  it('maps qr, authenticated and a repeated ready to one transition each', async () => {
    const { session, latest, reach } = setup();
    const states: SessionState[] = [];
    session.on('state_changed', ({ to }) => states.push(to));
    await session.start();
    expect(session.snapshot().qr).toBe('2@fake-qr-1');
    latest().scan();
    await reach('ready');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(states).toEqual(['starting', 'qr', 'authenticated', 'ready']);
    expect(session.snapshot().account).toEqual({ wid: FAKE_ME, pushname: 'Fake Account', platform: 'android' });
    await session.shutdown();
  });

  it('sends with sendSeen false so reading never marks the chat read', async () => {
    const { session, latest } = setup({ linked: true });
    await session.waitUntilReady();
    await session.call('send', (driver) => driver.sendText('15550002222@c.us', 'hi'));
    expect(latest().calls.find((c) => c.method === 'sendMessage')?.args).toEqual(['15550002222@c.us', 'hi', { sendSeen: false }]);
    await session.shutdown();
  });

  it('reads the library structures: group author, unix seconds, chat names', async () => {
    const { session } = setup({ linked: true });
    await session.waitUntilReady();
    const chats = await session.call('list', (driver) => driver.listChats(10));
    const group = chats.find((chat) => chat.isGroup);
    expect(group).toMatchObject({ id: '120363000000000009@g.us', name: 'Fake Group', timestamp: 1_700_000_100 });
    expect(group?.lastMessage).toMatchObject({ author: '15550003333@c.us', body: 'group news', fromMe: false, timestamp: 1_700_000_100 });
    await session.shutdown();
  });

  it('treats LOGOUT followed by a new QR as a lost session waiting for the user', async () => {
    const { session, latest, reach } = setup({ linked: true });
    await session.waitUntilReady();
    const qr = reach('qr');
    latest().phoneLogout();
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('LOGOUT') });
    await qr;
    expect(session.snapshot()).toMatchObject({ state: 'qr', qr: '2@fake-qr-after-logout', account: null });
    await session.shutdown();
  });

  it('notices a Chromium crash the library does not report and can start again', async () => {
    const { session, clients, latest, reach } = setup({ linked: true });
    await session.waitUntilReady();
    const crashed = latest();
    crashed.crashBrowser();
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('Chromium exited') });
    await vi.waitFor(() => expect(crashed.destroyed).toBe(1));
    await session.start();
    await reach('ready');
    expect(clients).toHaveLength(2);
    await session.shutdown();
  });

  it('reports detached-frame errors as whatsapp_failed instead of hanging', async () => {
    const { session, latest } = setup({ linked: true });
    await session.waitUntilReady();
    const client = latest();
    // Only the calls break: the browser's disconnected event is lost, as it sometimes is.
    client.pupBrowser!.removeAllListeners('disconnected');
    client.crashBrowser();
    await expect(session.call('Listing chats', (driver) => driver.listChats(5))).rejects.toMatchObject({
      code: 'whatsapp_failed',
      message: expect.stringContaining('detached Frame'),
    });
    await session.shutdown();
  });

  it('times out calls that hang after a renderer crash', async () => {
    const { session } = setup({ linked: true, hangCalls: true }, { callMs: 80 });
    await session.waitUntilReady();
    await expect(session.call('Listing chats', (driver) => driver.listChats(5))).rejects.toMatchObject({ code: 'browser_timeout' });
    await session.shutdown();
  });

  it('destroys the client after a failed start and leaves no browser process', async () => {
    const { session, latest } = setup({ initializeError: new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'), destroyLeavesBrowser: true });
    await expect(session.start()).rejects.toMatchObject({ code: 'browser_unavailable' });
    const client = latest();
    expect(client.destroyed).toBe(1);
    const pid = client.pupBrowser!.process().pid!;
    expect(isProcessAlive(pid)).toBe(false);
    expect(session.snapshot()).toMatchObject({ state: 'disconnected', lastError: expect.stringContaining('ERR_NAME_NOT_RESOLVED') });
  });

  it('passes the pairing number to the client and reports its code', async () => {
    const { session, latest } = setup();
    const outcome = await session.requestPairingCode('15550001111');
    expect(outcome).toEqual({ alreadyAuthenticated: false, code: 'FAKE1234', phoneNumber: '15550001111' });
    latest().scan();
    await vi.waitFor(() => expect(session.state).toBe('ready'));
    await session.shutdown();
  });

  it('asks a client showing a QR for a pairing code', async () => {
    const { session, latest } = setup();
    await session.start();
    const outcome = await session.requestPairingCode('15550001111');
    expect(outcome).toMatchObject({ code: 'PAIR5678' });
    expect(latest().calls.find((c) => c.method === 'requestPairingCode')?.args[0]).toBe('15550001111');
    await session.shutdown();
  });

  it('logs out through the library and closes the browser', async () => {
    const { session, latest } = setup({ linked: true });
    await session.waitUntilReady();
    const client = latest();
    await session.logout();
    expect(client.calls.some((c) => c.method === 'logout')).toBe(true);
    expect(isProcessAlive(client.pupBrowser!.process().pid!)).toBe(false);
    expect(session.state).toBe('stopped');
  });
});
