// Our WwebjsDriver over the REAL whatsapp-web.js, puppeteer and Debian Chromium on the fake page,
// without a session in between: every driver event (chat_unread included) is observable, and the
// page's knobs are one evaluate away. Each driver is linked by the page itself (autoScanAfterMs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { DriverEvents } from '../../src/driver/index.js';
import { realClientBuilder, WwebjsDriver, type ClientLike } from '../../src/drivers/wwebjs/index.js';
import type { TypedEmitter } from '../../src/events/typed-emitter.js';
import { expectNoBrowserUsing } from '../support/e2e-harness.js';
import { nextEvent } from '../support/next-event.js';
import { silentLogger } from '../support/silent-logger.js';
import { fakePageEnv, installFakeWeb } from './install-fake-web.js';

export interface LinkedDriver {
  driver: WwebjsDriver;
  events: TypedEmitter<DriverEvents>;
  /** Calls `window.__fakeWa[name](...args)` in the page. */
  knob<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
}

const running: { driver: WwebjsDriver; authDir: string }[] = [];

/** Registers the cleanup: every driver stopped, no Chromium left on its profile, temp dirs removed. */
export function useDriverHarness(): void {
  afterEach(async () => {
    for (const { driver, authDir } of running.splice(0)) {
      await driver.stop();
      await expectNoBrowserUsing(authDir);
      rmSync(authDir, { recursive: true, force: true });
    }
  });
}

export async function linkedDriver(): Promise<LinkedDriver> {
  const authDir = mkdtempSync(join(tmpdir(), 'wa-driver-'));
  await installFakeWeb(join(authDir, 'web-cache'));
  const config = loadConfig(fakePageEnv(authDir));
  const build = realClientBuilder({
    config,
    extraClientOptions: { evalOnNewDoc: 'window.__fakeWaConfig = {"autoScanAfterMs":200}' },
  });
  let client: ClientLike | undefined;
  const driver = new WwebjsDriver({
    buildClient: async (input) => (client = await build(input)),
    logger: silentLogger(),
  });
  running.push({ driver, authDir });
  const events = driver as TypedEmitter<DriverEvents>;
  const ready = nextEvent(events, 'ready', () => true, 30_000);
  await driver.start();
  await ready;
  const page = () => client?.pupPage as unknown as { evaluate<T>(fn: (name: string, args: unknown[]) => T, name: string, args: unknown[]): Promise<T> };
  return {
    driver,
    events,
    knob: <T>(name: string, ...args: unknown[]) =>
      page().evaluate((knob, knobArgs) => (globalThis as unknown as { __fakeWa: Record<string, (...a: unknown[]) => T> }).__fakeWa[knob]!(...knobArgs), name, args),
  };
}
