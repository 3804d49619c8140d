#!/usr/bin/env node
import { ConfigError, loadConfig } from '@wa/core';
import { buildServer } from './build-server.js';
import { createLogger } from './logger.js';
import { printQrCodes } from './terminal-qr.js';

/** The process: read config, build, listen, resume a saved session, and own shutdown. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const logger = createLogger({ level: config.logLevel, pretty: Boolean(process.stdout.isTTY) });
  // The browser library fires promises nobody awaits (re-inject on navigation, pairing-code
  // refresh); their rejections must never take the gateway down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection (kept running)'));

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
    app.close().then(
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
  process.stderr.write(`The gateway could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
