import { createSandboxDriverFactory, loadConfig, type SandboxDriverFactory } from '@wa/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildServer, type Gateway } from '../src/build-server.js';
import { freshStorePath } from './support/fresh-store-path.js';

const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-server-test', WHATSAPP_STORE_PATH: freshStorePath(), WHATSAPP_MCP_PORT: '8790' });

describe('the gateway over a real socket (sandbox driver)', () => {
  let gateway: Gateway | null = null;
  let factory: SandboxDriverFactory;

  afterEach(async () => {
    await gateway?.app.close();
    gateway = null;
  });

  async function listen(): Promise<string> {
    factory = createSandboxDriverFactory({ linkDelayMs: 30, echoDelayMs: 10 });
    gateway = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory: factory });
    return gateway.app.listen({ host: '127.0.0.1', port: 0 });
  }

  it('serves GET /health and GET / with the service name, the MCP URL and the status', async () => {
    const base = await listen();
    for (const path of ['/health', '/']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await response.json();
      expect(body).toMatchObject({ ok: true, name: 'whatsapp-mcp-api', mcp: 'http://127.0.0.1:8790/mcp', status: { state: 'stopped' } });
    }
  });

  it('serves GET /api/status with every contract field and the right types', async () => {
    const base = await listen();
    const status = (await (await fetch(`${base}/api/status`)).json()) as Record<string, unknown>;
    expect(Object.keys(status).sort()).toEqual(
      ['account', 'auth_dir', 'authenticated', 'chrome_executable', 'driver', 'has_pairing_code', 'has_qr', 'headless', 'last_error', 'next_restart_at', 'ready', 'restart_attempts', 'state', 'state_since'].sort(),
    );
    expect(status).toMatchObject({ state: 'stopped', ready: false, authenticated: false, auth_dir: '/tmp/wa-server-test', has_qr: false, last_error: null, account: null });
    expect(typeof status.chrome_executable).toBe('string');
    expect(typeof status.headless).toBe('boolean');
  });

  it('shows the same session state REST clients see while it links', async () => {
    const base = await listen();
    await gateway!.session.start();
    expect(await (await fetch(`${base}/api/status`)).json()).toMatchObject({ state: 'qr', has_qr: true });
    await vi.waitFor(async () => {
      const status = await (await fetch(`${base}/api/status`)).json();
      expect(status).toMatchObject({ state: 'ready', ready: true, authenticated: true, account: { wid: '15551234567@c.us' } });
    });
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    const base = await listen();
    const response = await fetch(`${base}/api/nothing-here?x=1`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No route GET /api/nothing-here; see GET /docs for the API.' },
    });
  });

  it('closes the session with the server', async () => {
    await listen();
    factory.world.linked = true;
    await gateway!.session.waitUntilReady();
    const driver = factory.current!;
    await gateway!.app.close();
    gateway = null;
    expect(await driver.getState()).toBeNull();
  });
});
