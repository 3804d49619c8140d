import { createSandboxDriverFactory, loadConfig, SandboxWorld, type SandboxDriver } from '@wa/core';
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { buildServer, type Gateway } from '../../src/build-server.js';
import { freshStorePath } from '../support/fresh-store-path.js';

export interface HistoryGateway {
  gateway: Gateway;
  world: SandboxWorld;
  base: string;
  driver(): SandboxDriver;
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  /** The ids of the `message.received` events published after `cursor`, oldest first. */
  received(cursor: string): Array<{ id: string; backfilled: boolean }>;
  close(): Promise<void>;
}

/**
 * A linked, ready gateway on a sandbox world the test owns (so it survives a gateway restart, as
 * WhatsApp's servers do) and a SQLite store file of its own (or the one given).
 */
export async function startHistoryGateway(options: { world?: SandboxWorld; storePath?: string; env?: Record<string, string> } = {}): Promise<HistoryGateway> {
  const world = options.world ?? new SandboxWorld();
  world.linked = true;
  const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-history-test', WHATSAPP_STORE_PATH: options.storePath ?? freshStorePath(), ...options.env });
  const factory = createSandboxDriverFactory({ linkDelayMs: 10, echoDelayMs: 20 }, world);
  const gateway = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory: factory });
  const base = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  await gateway.session.start();
  await vi.waitFor(() => expect(gateway.session.state).toBe('ready'));
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: await response.json() };
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };
  const received = (cursor: string) =>
    gateway.events.since(cursor, { types: new Set(['message.received']) }, 1000).events.map((event) => {
      const data = event.data as { message: { id: string }; backfilled?: boolean };
      return { id: data.message.id, backfilled: data.backfilled === true };
    });
  return { gateway, world, base, driver: () => factory.current as SandboxDriver, get, post, received, close: () => gateway.app.close() };
}

/** Waits until every chat of the world is in the store (the first backfill pass is done). */
export async function untilImported(running: HistoryGateway): Promise<void> {
  for (const chatId of running.world.chatIds()) {
    await vi.waitFor(async () => expect((await running.get(`/api/chats/export?chat_id=${encodeURIComponent(chatId)}`)).body.count).toBeGreaterThan(0));
  }
}
