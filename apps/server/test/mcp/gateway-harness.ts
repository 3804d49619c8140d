import { createSandboxDriverFactory, loadConfig, type SandboxDriverFactory } from '@wa/core';
import { pino } from 'pino';
import { buildServer, type Gateway } from '../../src/build-server.js';
import { freshStorePath } from '../support/fresh-store-path.js';

export interface RunningGateway {
  gateway: Gateway;
  factory: SandboxDriverFactory;
  base: string;
  mcpUrl: URL;
  close(): Promise<void>;
}

/** The whole gateway on a sandbox driver, listening on an ephemeral loopback port. */
export async function startGateway(env: Record<string, string> = {}, sandbox = { linkDelayMs: 30, echoDelayMs: 10 }): Promise<RunningGateway> {
  const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-mcp-test', WHATSAPP_STORE_PATH: freshStorePath(), ...env });
  const factory = createSandboxDriverFactory(sandbox);
  const gateway = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory: factory });
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  return { gateway, factory, base, mcpUrl: new URL(`${base}/mcp`), close: () => gateway.app.close() };
}

/** An old-style client: one JSON-RPC message per POST, JSON only. */
export async function legacyPost(base: string, message: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(message) });
}

export const INITIALIZE = (protocolVersion = '2024-11-05', id: number | string = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'test-client', version: '1.0.0' } },
});
