/**
 * Every error code the gateway can put on the wire, declared once. A code is never renamed or
 * reused for another meaning: clients branch on it. Core errors carry a neutral `kind`; each
 * transport maps kinds to its own status codes in one table.
 */
export type ErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'not_ready'
  | 'conflict'
  | 'too_large'
  | 'timeout'
  | 'upstream_failed'
  | 'internal';

export const ERROR_CODES = {
  invalid_input: 'invalid_input',
  invalid_phone_number: 'invalid_input',
  invalid_chat_id: 'invalid_input',
  chat_not_found: 'not_found',
  no_qr: 'not_found',
  resource_not_found: 'not_found',
  auth_dir_locked: 'conflict',
  store_disabled: 'not_found',
  message_not_found: 'not_found',
  not_on_whatsapp: 'not_found',
  contact_not_found: 'not_found',
  group_not_found: 'not_found',
  no_media: 'not_found',
  media_too_large: 'too_large',
  media_url_blocked: 'invalid_input',
  media_fetch_failed: 'invalid_input',
  invalid_media: 'invalid_input',
  not_allowed: 'conflict',
  session_not_ready: 'not_ready',
  session_not_linked: 'not_ready',
  session_busy: 'conflict',
  browser_timeout: 'timeout',
  browser_unavailable: 'upstream_failed',
  whatsapp_failed: 'upstream_failed',
  internal_error: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface GatewayErrorOptions {
  cause?: unknown;
  /** Seconds after which a retry may succeed (not-ready and busy errors). */
  retryAfterSeconds?: number;
  /** Machine-readable extras that are safe to show to a client (never secrets). */
  details?: Record<string, unknown>;
}

/** An error meant for the client: a stable code and one actionable sentence. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.kind = ERROR_CODES[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** Start-up configuration is invalid; `problems` has one line per bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'config_invalid';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** A short, single-line description of any thrown value, for `last_error` and logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  if (typeof error === 'string') return error;
  return String(error);
}
