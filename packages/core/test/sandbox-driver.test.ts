import { createSandboxDriverFactory, SANDBOX_ACCOUNT, SANDBOX_CONTACTS, type SandboxDriver } from '../src/drivers/sandbox/index.js';
import { runDriverContract } from './driver-contract.js';

runDriverContract('sandbox', async () => {
  const factory = createSandboxDriverFactory({ linkDelayMs: 60_000, echoDelayMs: 60_000 });
  const driver = (await factory.create()) as SandboxDriver;
  return {
    driver,
    link: () => driver.linkNow(),
    wid: SANDBOX_ACCOUNT.wid,
    knownChat: SANDBOX_CONTACTS.alice,
  };
});
