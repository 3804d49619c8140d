import type { LogLevel } from '@wa/core';
import { pino, type Logger } from 'pino';

/**
 * Paths that can carry account-takeover material or credentials. pino removes them before a line
 * is written, wherever a caller put them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  // Any object carrying request headers one level down (the multipart parser logs its options with them).
  '*.headers.authorization',
  '*.headers.cookie',
  'token',
  'apiToken',
  'qr',
  'code',
  'pairingCode',
  'pairing_code',
  '*.qr',
  '*.code',
  '*.pairingCode',
  '*.pairing_code',
  '*.token',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines (a terminal); JSON lines otherwise. */
  pretty: boolean;
  destination?: NodeJS.WritableStream;
}

/** The one logger of the process; everything else gets it or a child of it. */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } });
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}
