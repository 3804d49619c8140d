import type { GatewayConfig } from '../../config/index.js';

/** Chromium flags: quiet, headless-friendly, and no background traffic to Google. */
export function chromiumArgs(options: { isRoot: boolean; extraArgs?: readonly string[] }): string[] {
  return [
    ...(options.isRoot ? ['--no-sandbox', '--disable-setuid-sandbox'] : []),
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    // No crashpad handler: it is reparented to init and outlives the browser it watched.
    '--disable-crash-reporter',
    '--disable-breakpad',
    ...(options.extraArgs ?? []),
  ];
}

export interface ClientOptionsInput {
  config: Readonly<GatewayConfig>;
  executablePath: string;
  isRoot: boolean;
  pairingPhoneNumber?: string | undefined;
  /** Extra Chromium flags (tests add host-resolver rules that keep everything on the machine). */
  extraArgs?: readonly string[];
}

/**
 * The options object for whatsapp-web.js's Client. Plain data, so it is unit-tested without the
 * library; the driver adds the LocalAuth instance (`authStrategy`) itself.
 */
export function buildClientOptions(input: ClientOptionsInput): Record<string, unknown> {
  const { config } = input;
  return {
    puppeteer: {
      executablePath: input.executablePath,
      headless: config.chrome.headless,
      args: chromiumArgs({ isRoot: input.isRoot, extraArgs: input.extraArgs ?? [] }),
      // Puppeteer's own handlers SIGKILL Chromium on SIGTERM and can lose a freshly linked
      // session; the gateway owns shutdown and destroys the client gracefully instead.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: Math.max(config.timeouts.callMs, config.timeouts.startMs),
    },
    webVersion: config.web.version,
    webVersionCache: { type: 'local', path: config.web.cacheDir, strict: false },
    // Bounds the wait for WhatsApp Web to boot inside the page (the library's default is 30 s).
    authTimeoutMs: config.timeouts.startMs,
    takeoverOnConflict: config.recovery.takeoverOnConflict,
    takeoverTimeoutMs: 0,
    ...(input.pairingPhoneNumber
      ? { pairWithPhoneNumber: { phoneNumber: input.pairingPhoneNumber, showNotification: true, intervalMs: 180_000 } }
      : {}),
  };
}
