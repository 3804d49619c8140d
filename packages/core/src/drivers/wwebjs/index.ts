import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../../config/index.js';
import type { DriverFactory, WhatsAppDriver } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import { buildClientOptions } from './client-options.js';
import { loadWwebjs } from './load-library.js';
import { clearStaleProfileLocks, deleteSavedProfile, ensureAuthDir, hasSavedProfile } from './saved-session.js';
import { WwebjsDriver, type ClientBuilder } from './wwebjs-driver.js';

export { buildClientOptions, chromiumArgs } from './client-options.js';
export type { ChatLike, ClientLike, MessageLike } from './client-like.js';
export { isProcessAlive } from './kill-browser.js';
export { profileDir } from './saved-session.js';
export { WwebjsDriver } from './wwebjs-driver.js';
export type { ClientBuilder } from './wwebjs-driver.js';

export interface WwebjsDriverFactoryOptions {
  config: Readonly<GatewayConfig>;
  logger: Logger;
  /** Replaces the real Client (tests script the library's quirks with a fake, or wrap the real one). */
  buildClient?: ClientBuilder;
}

export interface RealClientOptions {
  config: Readonly<GatewayConfig>;
  /** Extra Chromium flags, appended to the defaults. */
  extraChromiumArgs?: readonly string[];
  /** Extra whatsapp-web.js Client options, merged last (for example `evalOnNewDoc`). */
  extraClientOptions?: Record<string, unknown>;
}

/** Builds real whatsapp-web.js Clients with LocalAuth in the auth dir (created owner-only). */
export function realClientBuilder(options: RealClientOptions): ClientBuilder {
  const { config } = options;
  return async ({ pairingPhoneNumber }) => {
    await ensureAuthDir(config.authDir);
    const library = await loadWwebjs();
    const executablePath = resolveExecutable(config, library.puppeteerExecutablePath());
    const clientOptions = buildClientOptions({
      config,
      executablePath,
      isRoot: process.getuid?.() === 0,
      pairingPhoneNumber,
      extraArgs: [...config.chrome.extraArgs, ...(options.extraChromiumArgs ?? [])],
    });
    // The session stops a client before it builds the next, and the process holds the auth-dir
    // lock: a Chromium profile lock found now was left by a crash (or another host) and is stale.
    await clearStaleProfileLocks(config.authDir);
    return library.createClient({ ...clientOptions, ...options.extraClientOptions }, { dataPath: config.authDir, clientId: 'default' });
  };
}

export function createWwebjsDriverFactory(options: WwebjsDriverFactoryOptions): DriverFactory {
  const { config, logger } = options;
  const buildClient = options.buildClient ?? realClientBuilder({ config });
  return {
    name: 'wwebjs',
    async create(): Promise<WhatsAppDriver> {
      return new WwebjsDriver({ buildClient, logger: logger.child({ driver: 'wwebjs' }) });
    },
    hasSavedSession: () => hasSavedProfile(config.authDir),
    clearSavedSession: () => deleteSavedProfile(config.authDir),
  };
}

function resolveExecutable(config: Readonly<GatewayConfig>, puppeteerPath: string | null): string {
  if (config.chrome.executable) return config.chrome.executable;
  if (puppeteerPath && existsSync(puppeteerPath)) return puppeteerPath;
  const tried = [...config.chrome.tried, ...(puppeteerPath ? [`puppeteer's browser (${puppeteerPath})`] : [])];
  throw new GatewayError(
    'browser_unavailable',
    `No Chrome or Chromium found (tried ${tried.join(', ')}). Install one (Debian: apt-get install chromium) or set WHATSAPP_CHROME_EXECUTABLE.`,
  );
}
