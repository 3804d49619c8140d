#!/usr/bin/env node
import { ConfigError, acquireAuthDirLock, isGatewayError, loadConfig, type AuthDirLock, type GatewayConfig } from '@wa/core';
import { pino, type Logger } from 'pino';
import { buildServer } from './build-server.js';
import { installCrashGuards } from './crash-guards.js';
import { batchedLogStream } from './http/log-stream.js';
import { createLogger } from './logger.js';
import { printQrCodes } from './terminal-qr.js';

/** Exit codes: 0 clean shutdown, 1 failure, 2 bad configuration, 3 auth dir in use. */
function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readConfig(): Readonly<GatewayConfig> {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
}

async function lockAuthDir(authDir: string): Promise<AuthDirLock> {
  try {
    return await acquireAuthDirLock(authDir);
  } catch (error) {
    if (isGatewayError(error)) fail(`The gateway cannot start: ${error.message}`, 3);
    throw error;
  }
}

/** The process: read config, lock the auth dir, build, listen, resume a saved session, own shutdown. */
async function main(): Promise<void> {
  const config = readConfig();
  const lock = await lockAuthDir(config.authDir);
  const pretty = Boolean(process.stdout.isTTY);
  // JSON lines go to stdout in synchronous writes, one per turn of the event loop. pino's default
  // destination writes each line through libuv's thread pool, a hand-off that cost about 5 µs of
  // CPU per request here; a write per line, about 1 µs.
  const destination = pretty ? undefined : (batchedLogStream(pino.destination({ dest: 1, sync: true })) as unknown as NodeJS.WritableStream);
  const logger: Logger = createLogger({ level: config.logLevel, pretty, ...(destination ? { destination } : {}) });
  installCrashGuards(logger);

  const { app, session } = await buildServer({ config, logger });
  if (config.printQr) printQrCodes(session);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.timeouts.shutdownMs + 5000);
    force.unref();
    app
      .close()
      .then(() => lock.release())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ host: config.host, port: config.port });
  logger.info({ driver: config.driver, auth_dir: config.authDir }, `gateway ready on ${config.host}:${config.port} (REST /api, MCP /mcp, QR /qr)`);
  if (config.resumeOnBoot) await session.resumeIfSaved();
}

main().catch((error: unknown) => {
  fail(`The gateway could not start: ${error instanceof Error ? error.message : String(error)}`, 1);
});
