import { createSandboxDriverFactory, loadConfig } from '@wa/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, type Gateway } from '../src/build-server.js';
import { hostnameOf } from '../src/http/host-origin-check.js';
import { freshStorePath } from './support/fresh-store-path.js';

describe('Host and Origin checks (DNS rebinding)', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.app.close();
    gateway = null;
  });

  async function build(env: Record<string, string> = {}) {
    const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-host-test', WHATSAPP_STORE_PATH: freshStorePath(), ...env });
    gateway = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory: createSandboxDriverFactory({ linkDelayMs: 10 }) });
    return gateway.app;
  }

  it('answers loopback names on any port', async () => {
    const app = await build();
    for (const host of ['localhost:8790', '127.0.0.1:1234', '[::1]:8790', 'localhost']) {
      const response = await app.inject({ method: 'GET', url: '/api/status', headers: { host } });
      expect(response.statusCode, host).toBe(200);
    }
  });

  it('refuses a rebinding Host with 403 on REST, MCP and /qr alike', async () => {
    const app = await build();
    for (const url of ['/api/status', '/qr', '/mcp', '/health']) {
      const response = await app.inject({ method: url === '/mcp' ? 'POST' : 'GET', url, headers: { host: 'evil.example:8790', 'content-type': 'application/json' }, payload: url === '/mcp' ? '{}' : undefined });
      expect(response.statusCode, url).toBe(403);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'forbidden_host' } });
    }
  });

  it('refuses a foreign browser Origin and accepts loopback and listed origins', async () => {
    const app = await build({ WHATSAPP_ALLOWED_ORIGINS: 'https://dashboard.example.com' });
    const status = (origin: string) => app.inject({ method: 'GET', url: '/api/status', headers: { host: 'localhost:8790', origin } }).then((r) => r.statusCode);
    expect(await status('https://evil.example')).toBe(403);
    expect(await status('null')).toBe(403);
    expect(await status('http://localhost:3000')).toBe(200);
    expect(await status('http://127.0.0.1:8790')).toBe(200);
    expect(await status('https://dashboard.example.com')).toBe(200);
  });

  it('accepts hosts the operator listed', async () => {
    const app = await build({ WHATSAPP_ALLOWED_HOSTS: 'wa.internal.example' });
    const response = await app.inject({ method: 'GET', url: '/api/status', headers: { host: 'wa.internal.example:443' } });
    expect(response.statusCode).toBe(200);
  });

  it('reads host names out of Host headers', () => {
    expect(hostnameOf('LocalHost:8790')).toBe('localhost');
    expect(hostnameOf('[::1]:8790')).toBe('::1');
    expect(hostnameOf('[::1]')).toBe('::1');
    expect(hostnameOf('example.com')).toBe('example.com');
  });
});
