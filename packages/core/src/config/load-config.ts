import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { EVENT_TYPES } from '../events/gateway-event.js';
import { chromeCandidates, discoverChrome, isExecutable } from './chrome-discovery.js';
import type { DriverName, GatewayConfig, LogLevel } from './config.js';
import { VariableProblem, parseArgs, parseBoolean, parseChoice, parseInteger, parseList } from './parsers.js';

/** Defaults, in one table. Paths are resolved against the working directory. */
export const CONFIG_DEFAULTS = {
  WHATSAPP_MCP_HOST: '127.0.0.1',
  WHATSAPP_MCP_PORT: '8790',
  WHATSAPP_AUTH_DIR: '.wwebjs_auth',
  WHATSAPP_DRIVER: 'wwebjs',
  // The version whatsapp-web.js 1.34.7 itself defaults to; pinned so an upstream change of the
  // live page cannot silently change what the library talks to.
  WHATSAPP_WEB_VERSION: '2.3000.1017054665',
  WHATSAPP_START_TIMEOUT_MS: '60000',
  WHATSAPP_CALL_TIMEOUT_MS: '30000',
  WHATSAPP_READY_WAIT_MS: '30000',
  WHATSAPP_SHUTDOWN_TIMEOUT_MS: '10000',
  WHATSAPP_RESUME_ON_BOOT: 'true',
  WHATSAPP_PRINT_QR: 'true',
  WHATSAPP_LOG_LEVEL: 'info',
  WHATSAPP_MCP_SESSION_IDLE_MS: '600000',
  WHATSAPP_EVENT_BUFFER: '1000',
  WHATSAPP_STORE: 'true',
  WHATSAPP_STORE_RETENTION_DAYS: '0',
  WHATSAPP_WEBHOOK_MAX_ATTEMPTS: '15',
  WHATSAPP_WEBHOOK_TIMEOUT_MS: '10000',
  WHATSAPP_RECOVERY: 'true',
  WHATSAPP_RECOVERY_MAX_ATTEMPTS: '10',
  WHATSAPP_RECOVERY_BASE_DELAY_MS: '1000',
  WHATSAPP_RECOVERY_MAX_DELAY_MS: '60000',
  WHATSAPP_WATCHDOG_INTERVAL_MS: '30000',
  WHATSAPP_READY_TIMEOUT_MS: '120000',
  WHATSAPP_TAKEOVER_ON_CONFLICT: 'false',
  WHATSAPP_MCP_MAX_SESSIONS: '1000',
  WHATSAPP_SANDBOX_LINK_DELAY_MS: '1500',
  WHATSAPP_MEDIA_MAX_BYTES: String(64 * 1024 ** 2),
  WHATSAPP_MEDIA_FETCH_TIMEOUT_MS: '30000',
  WHATSAPP_MEDIA_ALLOW_PRIVATE_URLS: 'false',
  WHATSAPP_MCP_INLINE_MEDIA_MAX_BYTES: String(1024 ** 2),
} as const;

const DRIVERS: readonly DriverName[] = ['wwebjs', 'sandbox'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface LoadConfigOptions {
  cwd?: string;
  platform?: NodeJS.Platform;
}

/**
 * Reads and validates the environment once. Every bad variable is reported, one line each, in a
 * single ConfigError, so an operator fixes them all in one go. This is the only reader of
 * process.env in the project.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Readonly<GatewayConfig> {
  const cwd = options.cwd ?? process.cwd();
  const platform = options.platform ?? process.platform;
  const problems: string[] = [];

  function read<T>(name: string, parse: (raw: string) => T, fallback: T): T {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    try {
      return parse(raw);
    } catch (error) {
      if (!(error instanceof VariableProblem)) throw error;
      problems.push(`${name} ${error.message}`);
      return fallback;
    }
  }
  const text = (name: keyof typeof CONFIG_DEFAULTS): string => (env[name]?.trim() || CONFIG_DEFAULTS[name]);
  const defaultInt = (name: keyof typeof CONFIG_DEFAULTS): number => Number(CONFIG_DEFAULTS[name]);
  const ms = (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number =>
    read(name, (raw) => parseInteger(raw, min, max), defaultInt(name));

  const host = text('WHATSAPP_MCP_HOST');
  const port = read('WHATSAPP_MCP_PORT', (raw) => parseInteger(raw, 0, 65535), defaultInt('WHATSAPP_MCP_PORT'));
  const authDir = resolvePath(text('WHATSAPP_AUTH_DIR'), cwd);
  const driver = read('WHATSAPP_DRIVER', (raw) => parseChoice(raw, DRIVERS), 'wwebjs' as DriverName);

  const explicitChrome = env['WHATSAPP_CHROME_EXECUTABLE']?.trim();
  let chrome: GatewayConfig['chrome'];
  const headless = read('WHATSAPP_HEADLESS', parseBoolean, !hasDisplay(env, platform));
  const extraArgs = read('WHATSAPP_CHROME_ARGS', parseArgs, []);
  if (explicitChrome) {
    const executable = resolvePath(explicitChrome, cwd);
    if (driver === 'wwebjs' && !isExecutable(executable)) {
      problems.push(`WHATSAPP_CHROME_EXECUTABLE points to "${executable}", which is not an executable file`);
    }
    chrome = { executable, explicit: true, tried: [executable], headless, extraArgs };
  } else {
    const discovery = discoverChrome(chromeCandidates(platform, env));
    chrome = { executable: discovery.found, explicit: false, tried: discovery.tried, headless, extraArgs };
  }

  const apiToken = readToken(env, cwd, problems);
  if (!isLoopback(host) && apiToken === null) {
    problems.push(
      `WHATSAPP_MCP_HOST is "${host}", which is reachable from other machines: set WHATSAPP_API_TOKEN or WHATSAPP_API_TOKEN_FILE, or bind to 127.0.0.1`,
    );
  }

  const config: GatewayConfig = {
    host,
    port,
    authDir,
    driver,
    chrome,
    web: {
      version: text('WHATSAPP_WEB_VERSION'),
      cacheDir: env['WHATSAPP_WEB_CACHE_DIR']?.trim()
        ? resolvePath(env['WHATSAPP_WEB_CACHE_DIR'].trim(), cwd)
        : join(authDir, 'web-version-cache'),
    },
    timeouts: {
      startMs: ms('WHATSAPP_START_TIMEOUT_MS', 1000, 600_000),
      callMs: ms('WHATSAPP_CALL_TIMEOUT_MS', 100, 600_000),
      readyWaitMs: ms('WHATSAPP_READY_WAIT_MS', 0, 600_000),
      shutdownMs: ms('WHATSAPP_SHUTDOWN_TIMEOUT_MS', 100, 120_000),
    },
    recovery: {
      enabled: read('WHATSAPP_RECOVERY', parseBoolean, true),
      maxAttempts: read('WHATSAPP_RECOVERY_MAX_ATTEMPTS', (raw) => parseInteger(raw, 0, 1000), defaultInt('WHATSAPP_RECOVERY_MAX_ATTEMPTS')),
      baseDelayMs: ms('WHATSAPP_RECOVERY_BASE_DELAY_MS', 10, 600_000),
      maxDelayMs: ms('WHATSAPP_RECOVERY_MAX_DELAY_MS', 10, 3_600_000),
      watchdogIntervalMs: ms('WHATSAPP_WATCHDOG_INTERVAL_MS', 0, 3_600_000),
      readyTimeoutMs: ms('WHATSAPP_READY_TIMEOUT_MS', 1000, 3_600_000),
      takeoverOnConflict: read('WHATSAPP_TAKEOVER_ON_CONFLICT', parseBoolean, false),
    },
    resumeOnBoot: read('WHATSAPP_RESUME_ON_BOOT', parseBoolean, true),
    printQr: read('WHATSAPP_PRINT_QR', parseBoolean, true),
    security: {
      apiToken,
      allowedHosts: read('WHATSAPP_ALLOWED_HOSTS', parseList, []),
      allowedOrigins: read('WHATSAPP_ALLOWED_ORIGINS', parseList, []),
    },
    mcp: {
      sessionIdleMs: ms('WHATSAPP_MCP_SESSION_IDLE_MS', 1000, 86_400_000),
      maxSessions: read('WHATSAPP_MCP_MAX_SESSIONS', (raw) => parseInteger(raw, 1, 100_000), defaultInt('WHATSAPP_MCP_MAX_SESSIONS')),
    },
    webhooks: readWebhooks(env, problems, read, ms),
    store: {
      enabled: read('WHATSAPP_STORE', parseBoolean, true),
      path: env['WHATSAPP_STORE_PATH']?.trim() ? resolvePath(env['WHATSAPP_STORE_PATH'].trim(), cwd) : join(authDir, 'messages.db'),
      retentionDays: read('WHATSAPP_STORE_RETENTION_DAYS', (raw) => parseInteger(raw, 0, 36_500), 0),
    },
    media: {
      maxBytes: read('WHATSAPP_MEDIA_MAX_BYTES', (raw) => parseInteger(raw, 1024, 2 * 1024 ** 3), defaultInt('WHATSAPP_MEDIA_MAX_BYTES')),
      fetchTimeoutMs: ms('WHATSAPP_MEDIA_FETCH_TIMEOUT_MS', 500, 600_000),
      allowPrivateUrls: read('WHATSAPP_MEDIA_ALLOW_PRIVATE_URLS', parseBoolean, false),
      mcpInlineMaxBytes: read('WHATSAPP_MCP_INLINE_MEDIA_MAX_BYTES', (raw) => parseInteger(raw, 0, 64 * 1024 ** 2), defaultInt('WHATSAPP_MCP_INLINE_MEDIA_MAX_BYTES')),
    },
    eventBuffer: read('WHATSAPP_EVENT_BUFFER', (raw) => parseInteger(raw, 10, 1_000_000), defaultInt('WHATSAPP_EVENT_BUFFER')),
    logLevel: read('WHATSAPP_LOG_LEVEL', (raw) => parseChoice(raw, LOG_LEVELS), 'info' as LogLevel),
    sandbox: { linkDelayMs: ms('WHATSAPP_SANDBOX_LINK_DELAY_MS', 0, 600_000) },
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function resolvePath(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

function readToken(env: NodeJS.ProcessEnv, cwd: string, problems: string[]): string | null {
  const inline = env['WHATSAPP_API_TOKEN']?.trim();
  const file = env['WHATSAPP_API_TOKEN_FILE']?.trim();
  if (inline && file) {
    problems.push('WHATSAPP_API_TOKEN and WHATSAPP_API_TOKEN_FILE are both set: keep only one');
    return null;
  }
  if (inline) {
    if (inline.length < 16) problems.push('WHATSAPP_API_TOKEN must be at least 16 characters long');
    return inline;
  }
  if (!file) return null;
  try {
    const token = readFileSync(resolvePath(file, cwd), 'utf8').trim();
    if (token.length < 16) problems.push(`WHATSAPP_API_TOKEN_FILE "${file}" must hold a token of at least 16 characters`);
    return token;
  } catch (error) {
    problems.push(`WHATSAPP_API_TOKEN_FILE "${file}" cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return null;
  }
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

type Reader = <T>(name: string, parse: (raw: string) => T, fallback: T) => T;

function readWebhooks(
  env: NodeJS.ProcessEnv,
  problems: string[],
  read: Reader,
  ms: (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number) => number,
): GatewayConfig['webhooks'] {
  const urls = read('WHATSAPP_WEBHOOK_URLS', parseList, [] as string[]);
  for (const url of urls) {
    if (!/^https?:\/\/[^\s]+$/i.test(url)) problems.push(`WHATSAPP_WEBHOOK_URLS has "${url}", which is not an http(s) URL`);
  }
  const secret = env['WHATSAPP_WEBHOOK_SECRET']?.trim() || null;
  if (urls.length > 0 && (secret === null || secret.length < 16)) {
    problems.push('WHATSAPP_WEBHOOK_SECRET must be set (16 characters or more) when WHATSAPP_WEBHOOK_URLS is set: receivers verify deliveries with it');
  }
  const types = read('WHATSAPP_WEBHOOK_TYPES', parseList, [] as string[]);
  const unknown = types.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) problems.push(`WHATSAPP_WEBHOOK_TYPES has unknown event types ${unknown.join(', ')}; use any of ${EVENT_TYPES.join(', ')}`);
  return {
    urls,
    secret,
    types,
    maxAttempts: read('WHATSAPP_WEBHOOK_MAX_ATTEMPTS', (raw) => parseInteger(raw, 1, 1000), 15),
    timeoutMs: ms('WHATSAPP_WEBHOOK_TIMEOUT_MS', 100, 120_000),
  };
}
