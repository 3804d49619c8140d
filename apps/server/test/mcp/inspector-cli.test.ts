import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from './gateway-harness.js';

const run = promisify(execFile);
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';

/**
 * The official MCP Inspector CLI (a real third-party client) against the running gateway. It is
 * fetched with npx, outside the dependency tree (it wants Node 22; its CLI works on 20).
 */
async function inspector(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['-y', INSPECTOR, '--cli', url, '--transport', 'http', ...args], {
      timeout: 120_000,
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

describe('the MCP Inspector CLI against the gateway', () => {
  let running: RunningGateway;
  beforeAll(async () => {
    running = await startGateway();
  });
  afterAll(async () => running.close());

  it('lists the seven tools of the contract first', async () => {
    const { code, stdout, stderr } = await inspector(running.mcpUrl.href, ['--method', 'tools/list']);
    expect(code, stderr).toBe(0);
    const names = (JSON.parse(stdout) as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
    expect(names.slice(0, 7)).toEqual([
      'whatsapp_status',
      'whatsapp_start_auth',
      'whatsapp_pairing_code',
      'whatsapp_send_message',
      'whatsapp_list_chats',
      'whatsapp_read_messages',
      'whatsapp_logout',
    ]);
  }, 150_000);

  it('calls whatsapp_status and gets the status as structured content', async () => {
    const { code, stdout, stderr } = await inspector(running.mcpUrl.href, ['--method', 'tools/call', '--tool-name', 'whatsapp_status']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ structuredContent: { state: 'stopped', driver: 'sandbox' } });
  }, 150_000);

  it('sends a message with numeric arguments as the Inspector types them, and reports a tool error with exit code 5', async () => {
    running.factory.world.linked = true;
    const sent = await inspector(running.mcpUrl.href, [
      '--method', 'tools/call', '--tool-name', 'whatsapp_send_message',
      '--tool-arg', 'phone_number=15550100001', '--tool-arg', 'message=hello from the inspector',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ structuredContent: { ok: true, chat_id: '15550100001@c.us' } });
    const bad = await inspector(running.mcpUrl.href, ['--method', 'tools/call', '--tool-name', 'whatsapp_send_message', '--tool-arg', 'phone_number=12', '--tool-arg', 'message=x']);
    expect(bad.code).toBe(5);
    expect(bad.stdout).toMatch(/invalid_phone_number/);
  }, 150_000);
});
