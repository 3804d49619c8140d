import type { Logger } from 'pino';

/** Stack frames that belong to the browser layer, whose stray failures must not end the process. */
const BROWSER_LAYER = /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(whatsapp-web\.js|puppeteer|puppeteer-core|ws|chromium-bidi)[\\/]/;

export function isBrowserLayerError(error: unknown): boolean {
  const stack = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  return BROWSER_LAYER.test(stack) || /TargetCloseError|ProtocolError|detached Frame|Session closed|Target closed/.test(stack);
}

/**
 * whatsapp-web.js fires promises nobody awaits (re-inject after a navigation, the pairing-code
 * refresh, takeover); when the browser dies they reject, and an exception can surface from a
 * puppeteer socket callback. Those are logged and the gateway keeps running: the session's own
 * watchers notice the dead browser and recover. Anything else is a bug of ours: log it and exit.
 */
export function installCrashGuards(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason, browser_layer: isBrowserLayerError(reason) }, 'unhandled rejection (kept running)');
  });
  process.on('uncaughtException', (error) => {
    if (isBrowserLayerError(error)) {
      logger.error({ err: error }, 'uncaught exception in the browser layer (kept running)');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    exit(1);
  });
}
