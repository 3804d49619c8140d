import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnGateway } from './support/gateway-process.js';

describe('the gateway process', () => {
  it('starts on the configured address, serves the status, and exits 0 on SIGTERM', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-process-'));
    const gateway = spawnGateway({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_MCP_PORT: '0', WHATSAPP_AUTH_DIR: authDir });
    const base = await gateway.listening;
    const status = await (await fetch(`${base}/api/status`)).json();
    expect(status).toMatchObject({ state: 'stopped', driver: 'sandbox', auth_dir: authDir });
    // Port 0: the MCP URL names the port the system picked.
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ mcp: `${base}/mcp` });
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(0);
  }, 40_000);

  it('refuses bad configuration with one line per variable and exit code 2', async () => {
    const gateway = spawnGateway({ WHATSAPP_MCP_PORT: 'http', WHATSAPP_DRIVER: 'baileys' });
    expect(await gateway.exited).toBe(2);
    expect(gateway.output()).toContain('WHATSAPP_MCP_PORT must be a whole number between 0 and 65535, got "http"');
    expect(gateway.output()).toContain('WHATSAPP_DRIVER must be one of wwebjs, sandbox, got "baileys"');
  }, 40_000);

  it('refuses to bind beyond loopback without a token', async () => {
    const gateway = spawnGateway({ WHATSAPP_MCP_HOST: '0.0.0.0', WHATSAPP_DRIVER: 'sandbox' });
    expect(await gateway.exited).toBe(2);
    expect(gateway.output()).toMatch(/WHATSAPP_MCP_HOST is "0.0.0.0", which is reachable from other machines: set WHATSAPP_API_TOKEN/);
  }, 40_000);

  it('refuses a second gateway on the same auth dir, and takes over a lock its dead owner left', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-lock-'));
    const env = { WHATSAPP_DRIVER: 'sandbox', WHATSAPP_MCP_PORT: '0', WHATSAPP_AUTH_DIR: authDir };
    const first = spawnGateway(env);
    await first.listening;
    const second = spawnGateway(env);
    expect(await second.exited).toBe(3);
    expect(second.output()).toMatch(new RegExp(`${authDir} is in use by another gateway \\(pid ${first.child.pid}`));
    first.child.kill('SIGKILL');
    await first.exited;
    const third = spawnGateway(env);
    await third.listening;
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 60_000);
});
