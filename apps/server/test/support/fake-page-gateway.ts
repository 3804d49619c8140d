import { loadConfig } from '@wa/core';
import { join } from 'node:path';
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { createWwebjsDriverFactory, realClientBuilder, type ClientLike } from '../../../../packages/core/src/drivers/wwebjs/index.js';
import { fakePageEnv, installFakeWeb } from '../../../../packages/core/test/fake-web/install-fake-web.js';
import { buildServer, type Gateway } from '../../src/build-server.js';

export interface FakePageGateway {
  gateway: Gateway;
  base: string;
  /** Calls a knob of the fake page (`window.__fakeWa.<name>(...args)`) in the newest browser. */
  knob<T>(name: string, ...args: unknown[]): Promise<T>;
}

/**
 * The whole gateway (real whatsapp-web.js, Debian's Chromium, the fake WhatsApp Web page whose
 * phone scans by itself) on an ephemeral loopback port, started and ready.
 */
export async function startFakePageGateway(authDir: string, env: Record<string, string> = {}): Promise<FakePageGateway> {
  await installFakeWeb(join(authDir, 'web-cache'));
  const config = loadConfig({ ...fakePageEnv(authDir), ...env });
  const logger = pino({ level: 'silent' });
  const clients: ClientLike[] = [];
  const real = realClientBuilder({ config, extraClientOptions: { evalOnNewDoc: 'window.__fakeWaConfig = {"autoScanAfterMs":200}' } });
  const driverFactory = createWwebjsDriverFactory({
    config,
    logger,
    buildClient: async (input) => {
      const client = await real(input);
      clients.push(client);
      return client;
    },
  });
  const gateway = await buildServer({ config, logger, driverFactory });
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  try {
    await gateway.session.start();
    await vi.waitFor(() => expect(gateway.session.state).toBe('ready'), { timeout: 30_000, interval: 100 });
  } catch (error) {
    await gateway.app.close();
    throw error;
  }
  const knob = <T>(name: string, ...args: unknown[]): Promise<T> => {
    const page = clients.at(-1)?.pupPage as unknown as { evaluate(expression: string): Promise<T> };
    return page.evaluate(`window.__fakeWa.${name}(${args.map((arg) => JSON.stringify(arg)).join(',')})`);
  };
  return { gateway, base, knob };
}
