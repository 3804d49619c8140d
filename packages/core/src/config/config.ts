/** The typed, validated, frozen configuration of one gateway process. */
export type DriverName = 'wwebjs' | 'sandbox';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface GatewayConfig {
  host: string;
  port: number;
  /** Absolute path of the LocalAuth data path; the profile lives in `<authDir>/session-default`. */
  authDir: string;
  driver: DriverName;
  chrome: {
    /** Explicit (WHATSAPP_CHROME_EXECUTABLE) or discovered binary; null when nothing was found. */
    executable: string | null;
    /** True when the operator named the binary; discovery was skipped. */
    explicit: boolean;
    /** Every place looked at, for a useful error when the browser is missing. */
    tried: string[];
    headless: boolean;
    /** Extra Chromium flags (WHATSAPP_CHROME_ARGS), after the defaults. */
    extraArgs: string[];
  };
  web: {
    /** WhatsApp Web version key pinned for whatsapp-web.js (`webVersion`). */
    version: string;
    /** Local web-version cache directory (`webVersionCache.path`). */
    cacheDir: string;
  };
  timeouts: {
    /** Launching Chromium and loading WhatsApp Web until the first QR or the restored session. */
    startMs: number;
    /** Any single call into the browser (send, list, read, state). */
    callMs: number;
    /** How long an operation that needs `ready` waits while the session is starting. */
    readyWaitMs: number;
    /** Bounded `destroy()` at shutdown or after a failure. */
    shutdownMs: number;
  };
  recovery: {
    /** Restart the client by itself after a crash or a lost connection. */
    enabled: boolean;
    /** Restarts in a row before staying disconnected (the reason stays in last_error). */
    maxAttempts: number;
    /** First delay; doubles each attempt, with jitter, up to maxDelayMs. */
    baseDelayMs: number;
    maxDelayMs: number;
    /** While ready, how often WhatsApp Web's state is probed (0 turns the watchdog off). */
    watchdogIntervalMs: number;
    /** `authenticated` without `ready` for this long counts as a hung start. */
    readyTimeoutMs: number;
    /** Take the session back when WhatsApp Web is opened elsewhere (CONFLICT). */
    takeoverOnConflict: boolean;
  };
  /** Start the client at boot when a saved session exists. */
  resumeOnBoot: boolean;
  /** Print the QR in the terminal when one arrives. */
  printQr: boolean;
  security: {
    apiToken: string | null;
    allowedHosts: string[];
    allowedOrigins: string[];
  };
  mcp: {
    /** An MCP session silent for this long, with nothing in flight, is closed. */
    sessionIdleMs: number;
    /** Live MCP sessions at most; the least recently used idle one makes room. */
    maxSessions: number;
  };
  webhooks: {
    /** Receivers configured by environment (WHATSAPP_WEBHOOK_URLS); more can be added through the API. */
    urls: string[];
    /** HMAC-SHA256 key for the environment-configured receivers. */
    secret: string | null;
    /** Event types the environment-configured receivers get; empty means all. */
    types: string[];
    /** Deliveries tried at most this many times before they count as failed. */
    maxAttempts: number;
    /** One delivery attempt may take this long. */
    timeoutMs: number;
  };
  store: {
    /** Keep a searchable message history (SQLite). */
    enabled: boolean;
    path: string;
    /** Messages older than this many days are deleted; 0 keeps everything. */
    retentionDays: number;
  };
  media: {
    /** Largest media file sent or downloaded, in bytes (WhatsApp's own limit for media is 16 MB, 100 MB for documents). */
    maxBytes: number;
    /** Fetching a media URL may take this long in all (connect, redirects, body). */
    fetchTimeoutMs: number;
    /** Let media URLs point at loopback, private, link-local or other internal addresses. */
    allowPrivateUrls: boolean;
    /** Media at most this large is embedded in MCP tool results; larger media is linked as a resource. */
    mcpInlineMaxBytes: number;
  };
  /** Events kept in memory so pollers and SSE clients can resume after a short disconnect. */
  eventBuffer: number;
  logLevel: LogLevel;
  sandbox: {
    /** Delay before the sandbox phone "scans" the QR or enters the pairing code. */
    linkDelayMs: number;
  };
}
