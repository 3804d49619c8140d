import { createSandboxDriverFactory, loadConfig, type SandboxDriverFactory } from '@wa/core';
import { Writable } from 'node:stream';
import { buildServer, type Gateway } from '../../src/build-server.js';
import { createLogger } from '../../src/logger.js';
import { freshStorePath } from '../support/fresh-store-path.js';

/** A token for the token-protected runs (at least 16 characters, as the config demands). */
export const TEST_TOKEN = 'hardening-token-7Qx9Lw2Zp4Rk8Vn3';

export interface HardenedGateway extends Gateway {
  base: string;
  port: number;
  factory: SandboxDriverFactory;
  /** Every line the gateway logged (the production logger with its redaction, into memory). */
  logs: string[];
  close(): Promise<void>;
}

export interface HardenedGatewayOptions {
  env?: Record<string, string>;
  /** The sandbox phone is linked before start, and the session is brought to ready. */
  linked?: boolean;
  logLevel?: 'silent' | 'trace';
}

/** The real gateway (buildServer) with the production logger and the sandbox driver on 127.0.0.1:0. */
export async function startHardenedGateway(options: HardenedGatewayOptions = {}): Promise<HardenedGateway> {
  const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-hardening-test', WHATSAPP_STORE_PATH: freshStorePath(), WHATSAPP_MCP_PORT: '8790', ...options.env });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level: options.logLevel ?? 'silent', pretty: false, destination });
  // The phone never links by itself: only a test (or nothing) links it.
  const factory = createSandboxDriverFactory({ linkDelayMs: 600_000, echoDelayMs: 5 });
  if (options.linked) factory.world.linked = true;
  const gateway = await buildServer({ config, logger, driverFactory: factory });
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  if (options.linked) {
    await gateway.session.start();
    await gateway.session.waitUntilReady(5000);
  }
  return { ...gateway, base, port: Number(new URL(base).port), factory, logs, close: () => gateway.app.close() };
}

/** Brings a linked gateway back to ready after a hostile request logged it out. */
export async function relink(gateway: HardenedGateway): Promise<boolean> {
  const { session, factory } = gateway;
  if (session.state === 'ready') return false;
  factory.world.linked = true;
  if (session.state === 'qr' && factory.current) factory.current.linkNow();
  else await session.start().catch(() => undefined);
  await session.waitUntilReady(5000);
  return true;
}

/**
 * Whether `secret` can be read out of `text`: verbatim, JSON-escaped, base64 (Basic auth), hex,
 * or inside a serialized Buffer (`{"type":"Buffer","data":[...]}`, how pino writes raw packets).
 */
export function revealsSecret(text: string, secret: string): boolean {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), Buffer.from(secret).toString('base64').replace(/=+$/, ''), Buffer.from(secret).toString('hex')];
  if (forms.some((form) => form.length > 0 && text.includes(form))) return true;
  for (const match of text.matchAll(/"data":\[([\d,]+)\]/g)) {
    const bytes = Buffer.from((match[1] ?? '').split(',').map(Number));
    if (bytes.toString('latin1').includes(secret)) return true;
  }
  return false;
}
