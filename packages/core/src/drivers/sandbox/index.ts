import type { DriverFactory } from '../../driver/index.js';
import { SandboxDriver, type SandboxDriverOptions } from './sandbox-driver.js';
import { SandboxWorld } from './sandbox-world.js';

export { SandboxDriver } from './sandbox-driver.js';
export { isOnSandboxWhatsApp, SANDBOX_ACCOUNT, SANDBOX_CONTACTS, SANDBOX_UNREGISTERED_SUFFIX } from './sandbox-directory.js';
export { SandboxWorld, type NewSandboxMessage } from './sandbox-world.js';

export interface SandboxDriverFactory extends DriverFactory {
  readonly world: SandboxWorld;
  /** The most recently created driver, for demo and test knobs (receive, receiveReaction, phoneLogout, crash). */
  readonly current: SandboxDriver | null;
  /** The next start fails with this error (once), like an unreachable WhatsApp Web. */
  failNextStart(error: Error): void;
}

export function createSandboxDriverFactory(options: SandboxDriverOptions, world = new SandboxWorld()): SandboxDriverFactory {
  let current: SandboxDriver | null = null;
  let nextStartFailure: Error | null = null;
  return {
    name: 'sandbox',
    world,
    get current() {
      return current;
    },
    failNextStart(error) {
      nextStartFailure = error;
    },
    async create() {
      const driver = new SandboxDriver(world, options);
      const failure = nextStartFailure;
      nextStartFailure = null;
      if (failure) {
        const start = driver.start.bind(driver);
        driver.start = async (startOptions) => {
          await start(startOptions);
          await driver.stop();
          throw failure;
        };
      }
      current = driver;
      return driver;
    },
    async hasSavedSession() {
      return world.linked;
    },
    async clearSavedSession() {
      world.linked = false;
    },
  };
}
