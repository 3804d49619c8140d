import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, vi } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createWwebjsDriverFactory, realClientBuilder, type ClientLike } from '../../src/drivers/wwebjs/index.js';
import { Session, type SelfHealingOptions, type SessionState } from '../../src/session/index.js';
import { fakePageEnv, installFakeWeb } from '../fake-web/install-fake-web.js';
import { nextEvent } from './next-event.js';
import { silentLogger } from './silent-logger.js';

/**
 * Our session and wwebjs driver over the real whatsapp-web.js, puppeteer and Debian Chromium,
 * against the fake WhatsApp Web page served from the library's local web-version cache. Nothing
 * leaves the machine: every host name resolves to nothing.
 */
export interface Harness {
  session: Session;
  clients: ClientLike[];
  authDir: string;
  reach(state: SessionState, timeoutMs?: number): Promise<void>;
  knob(expression: string): Promise<unknown>;
}

const sessions: Session[] = [];
const dirs: string[] = [];

/** Registers the cleanup: every session shut down and every temp dir removed after each test. */
export function useE2eHarness(): void {
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.shutdown();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

export interface HarnessOptions {
  authDir?: string;
  installPage?: boolean;
  pageConfig?: Record<string, unknown>;
  selfHealing?: SelfHealingOptions;
  env?: Record<string, string>;
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const authDir = options.authDir ?? mkdtempSync(join(tmpdir(), 'wa-e2e-'));
  if (!options.authDir) dirs.push(authDir);
  if (options.installPage !== false) await installFakeWeb(join(authDir, 'web-cache'));
  const config = loadConfig({ ...fakePageEnv(authDir), ...options.env });
  const clients: ClientLike[] = [];
  const real = realClientBuilder({
    config,
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
  const session = new Session({
    factory,
    logger: silentLogger(),
    timeouts: { startMs: 30_000, callMs: 15_000, readyWaitMs: 20_000, shutdownMs: 15_000 },
    ...(options.selfHealing ? { selfHealing: options.selfHealing } : {}),
  });
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
export async function expectNoBrowserUsing(authDir: string): Promise<void> {
  await vi.waitFor(() => expect(browsersUsing(authDir)).toEqual([]), { timeout: 5000, interval: 100 });
}

/** Chromium processes whose command line names this profile. */
export function browsersUsing(authDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', authDir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

