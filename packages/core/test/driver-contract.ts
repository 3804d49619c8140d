import { afterEach, describe, expect, it } from 'vitest';
import type { Account, WhatsAppDriver } from '../src/driver/index.js';
import { nextEvent } from './support/next-event.js';
import type { TypedEmitter } from '../src/events/typed-emitter.js';
import type { DriverEvents } from '../src/driver/index.js';

export interface DriverUnderTest {
  driver: WhatsAppDriver;
  /** The phone links this device (scans the QR). */
  link(): void;
  /** The wid the account has once linked. */
  wid: string;
  /** A one-to-one chat id that exists in the account. */
  knownChat: string;
}

/**
 * The behaviour every driver owes the session, run against each implementation (as hono runs one
 * router suite against every router).
 */
export function runDriverContract(name: string, create: () => Promise<DriverUnderTest>): void {
  describe(`driver contract: ${name}`, () => {
    let current: DriverUnderTest | null = null;
    afterEach(async () => {
      await current?.driver.stop();
      current = null;
    });

    const linked = async (): Promise<DriverUnderTest> => {
      current = await create();
      const events = current.driver as unknown as TypedEmitter<DriverEvents>;
      const qr = nextEvent(events, 'qr');
      await current.driver.start();
      await qr;
      const ready = nextEvent(events, 'ready');
      current.link();
      const [account] = (await ready) as [Account];
      expect(account.wid).toBe(current.wid);
      return current;
    };

    it('shows a QR when unlinked and reports ready with the account once linked', async () => {
      await linked();
    });

    it('sends text and shows it last in the chat and the chat first in the list', async () => {
      const { driver, knownChat, wid } = await linked();
      const sent = await driver.sendText(knownChat, 'contract check');
      expect(sent).toMatchObject({ fromMe: true, body: 'contract check', type: 'chat', from: wid, to: knownChat, hasMedia: false });
      expect(sent.id).toMatch(/^true_/);
      expect(sent.timestamp).toBeGreaterThan(1_600_000_000);
      const messages = await driver.readMessages(knownChat, 50);
      expect(messages.find((m) => m.id === sent.id)).toBeDefined();
      expect(messages.map((m) => m.timestamp)).toEqual([...messages.map((m) => m.timestamp)].sort((a, b) => a - b));
      const [first] = await driver.listChats(10);
      expect(first?.id).toBe(knownChat);
      expect(first?.lastMessage?.id).toBe(sent.id);
    });

    it('limits listings and reads', async () => {
      const { driver, knownChat } = await linked();
      await driver.sendText(knownChat, 'one');
      await driver.sendText(knownChat, 'two');
      expect(await driver.listChats(1)).toHaveLength(1);
      const lastTwo = await driver.readMessages(knownChat, 2);
      expect(lastTwo.map((m) => m.body)).toEqual(['one', 'two']);
    });

    it('returns null for a chat that does not exist', async () => {
      const { driver } = await linked();
      expect(await driver.getChat('19990000000@c.us')).toBeNull();
    });

    it('stops idempotently and refuses calls afterwards', async () => {
      const { driver, knownChat } = await linked();
      await driver.stop();
      await driver.stop();
      await expect(driver.sendText(knownChat, 'after stop')).rejects.toThrow();
    });
  });
}
