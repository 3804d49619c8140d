import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const main = join(root, 'apps/server/src/main.ts');

/** Runs the real entry point from source (no build needed), as `node` would run the compiled one. */
function startGateway(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--conditions=@wa/source', '--import', 'tsx', main], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', ...env },
  });
}

function waitForListening(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`gateway did not listen:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${output}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolvePromise) => child.on('exit', (code) => resolvePromise({ code, stderr })));
}

describe('the gateway process', () => {
  it('starts on the configured address, serves the status, and exits 0 on SIGTERM', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-process-'));
    const child = startGateway({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_MCP_PORT: '0', WHATSAPP_AUTH_DIR: authDir });
    const exited = exitOf(child);
    const base = await waitForListening(child);
    const status = await (await fetch(`${base}/api/status`)).json();
    expect(status).toMatchObject({ state: 'stopped', driver: 'sandbox', auth_dir: authDir });
    child.kill('SIGTERM');
    expect((await exited).code).toBe(0);
  }, 30_000);

  it('refuses bad configuration with one line per variable and exit code 2', async () => {
    const child = startGateway({ WHATSAPP_MCP_PORT: 'http', WHATSAPP_DRIVER: 'baileys' });
    const { code, stderr } = await exitOf(child);
    expect(code).toBe(2);
    expect(stderr).toContain('WHATSAPP_MCP_PORT must be a whole number between 0 and 65535, got "http"');
    expect(stderr).toContain('WHATSAPP_DRIVER must be one of wwebjs, sandbox, got "baileys"');
  }, 30_000);
});
