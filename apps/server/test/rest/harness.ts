import { createSandboxDriverFactory, loadConfig, type DriverFactory, type SandboxDriverFactory } from '@wa/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import { buildServer, type Gateway } from '../../src/build-server.js';
import { freshStorePath } from '../support/fresh-store-path.js';

/** The auth directory every test gateway reports (the sandbox driver never writes to it). */
export const AUTH_DIR = join(tmpdir(), 'wa-rest-transport-test');

export interface GatewayOptions {
  /** Extra WHATSAPP_* variables for loadConfig. */
  env?: Record<string, string>;
  /** Delay before the sandbox phone links by itself; long by default so a QR waits until a test links. */
  linkDelayMs?: number;
  /** Starting the client hangs until `releaseStart()` (or close), as a browser stuck loading. */
  holdStart?: boolean;
}

export interface RunningGateway extends Gateway {
  /** `http://127.0.0.1:<port>` of the real socket. */
  base: string;
  factory: SandboxDriverFactory;
  /** How many drivers (browsers) the session asked the factory for. */
  createCalls(): number;
  releaseStart(): void;
  close(): Promise<void>;
}

/** The real gateway (buildServer) with the sandbox driver, listening on an ephemeral loopback port. */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: AUTH_DIR, WHATSAPP_STORE_PATH: freshStorePath(), WHATSAPP_MCP_PORT: '8790', ...options.env });
  const sandbox = createSandboxDriverFactory({ linkDelayMs: options.linkDelayMs ?? 60_000, echoDelayMs: 10 });
  let creates = 0;
  let release: () => void = () => undefined;
  const startGate = options.holdStart ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const driverFactory: DriverFactory = {
    name: 'sandbox',
    async create() {
      creates += 1;
      const driver = await sandbox.create();
      const start = driver.start.bind(driver);
      driver.start = async (startOptions) => {
        await startGate;
        return start(startOptions);
      };
      return driver;
    },
    hasSavedSession: () => sandbox.hasSavedSession(),
    clearSavedSession: () => sandbox.clearSavedSession(),
  };
  const gateway = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory });
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ...gateway,
    base,
    factory: sandbox,
    createCalls: () => creates,
    releaseStart: () => release(),
    close: async () => {
      release();
      await gateway.app.close();
    },
  };
}

/** A `startGateway` whose gateways are closed after each test. */
export function gatewayPerTest(): (options?: GatewayOptions) => Promise<RunningGateway> {
  const open: RunningGateway[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((gateway) => gateway.close()));
  });
  return async (options) => {
    const gateway = await startGateway(options);
    open.push(gateway);
    return gateway;
  };
}

/** The simulated phone links this device; resolves once the session is ready. */
export async function linkPhone(gateway: RunningGateway): Promise<void> {
  if (gateway.session.state === 'qr' && gateway.factory.current) gateway.factory.current.linkNow();
  else gateway.factory.world.linked = true;
  await gateway.session.waitUntilReady();
}

/** A JSON POST as old and new clients send it. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch over the socket and parse the JSON body. */
export async function fetchJson<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

export type JsonType = 'null' | 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object';

/** The JSON type of a value, telling integers from other numbers. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** `{ field: jsonType }` for every own field, to compare a body's shape in one assertion. */
export function shapeOf(value: unknown): Record<string, JsonType> {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, field]) => [key, jsonType(field)]));
}

/** The states of the wire contract. */
export const CONTRACT_STATES = ['stopped', 'starting', 'qr', 'authenticated', 'ready', 'auth_failure', 'disconnected'];
