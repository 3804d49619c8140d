import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { INITIALIZE } from './gateway-harness.js';

const root = resolve(import.meta.dirname, '../../../..');

/** A module hook that reports on stderr every module of the MCP SDK the process loads. */
const REPORT_SDK_LOADS = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes('/@modelcontextprotocol/sdk/')) process.stderr.write('[mcp-sdk] ' + result.url + '\\\\n');
  return result;
}\`));
`;

describe('the MCP SDK is loaded on the first /mcp request', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-lazy-sdk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is not loaded by a gateway serving REST, and the first MCP request loads it and is answered', { timeout: 60_000 }, async () => {
    const hook = join(dir, 'report-sdk-loads.mjs');
    writeFileSync(hook, REPORT_SDK_LOADS);
    const child = spawn(process.execPath, ['--conditions=@wa/source', '--import', 'tsx', '--import', pathToFileURL(hook).href, join(root, 'apps/server/src/main.ts')], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: join(dir, 'auth'), WHATSAPP_STORE: 'off', WHATSAPP_PRINT_QR: 'false', WHATSAPP_MCP_PORT: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const base = await new Promise<string>((resolveBase, reject) => {
        const timer = setTimeout(() => reject(new Error(`the gateway did not listen:\n${stdout}\n${stderr}`)), 45_000);
        child.stdout.on('data', () => {
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolveBase(match[1]!);
          }
        });
      });
      expect((await fetch(`${base}/api/status`)).status).toBe(200);
      expect(stderr).not.toContain('[mcp-sdk]');

      const answer = await fetch(`${base}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(INITIALIZE('2025-11-25')),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('mcp-session-id')).toBeTruthy();
      expect(await answer.text()).toContain('"protocolVersion":"2025-11-25"');
      expect(stderr).toContain('[mcp-sdk]');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
