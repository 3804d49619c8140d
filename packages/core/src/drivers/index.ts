import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/index.js';
import type { DriverFactory } from '../driver/index.js';
import { createSandboxDriverFactory } from './sandbox/index.js';
import { createWwebjsDriverFactory } from './wwebjs/index.js';

/** The driver named by the configuration. The wwebjs driver loads its library on first start. */
export function createDriverFactory(config: Readonly<GatewayConfig>, logger: Logger): DriverFactory {
  if (config.driver === 'sandbox') return createSandboxDriverFactory({ linkDelayMs: config.sandbox.linkDelayMs });
  return createWwebjsDriverFactory({ config, logger });
}
