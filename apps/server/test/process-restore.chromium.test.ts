import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakePageEnv, installFakeWeb } from '../../../packages/core/test/fake-web/install-fake-web.js';
import { expectNoBrowserUsing, harness, useE2eHarness } from '../../../packages/core/test/support/e2e-harness.js';
import { spawnGateway } from './support/gateway-process.js';

/**
 * The whole process on the real whatsapp-web.js and Chromium (fake WhatsApp Web page): it resumes a
 * saved session at boot, shuts down cleanly on SIGTERM (exit 0, no browser left, lock released),
 * and the profile restores without a QR at the next start.
 */
useE2eHarness();

const authDir = mkdtempSync(join(tmpdir(), 'wa-restore-'));
afterAll(() => rmSync(authDir, { recursive: true, force: true }));

function gatewayEnv(): Record<string, string> {
  return { ...fakePageEnv(authDir), WHATSAPP_DRIVER: 'wwebjs', WHATSAPP_MCP_PORT: '0' };
}

async function pollStates(base: string, until: (state: string) => boolean): Promise<string[]> {
  const seen: string[] = [];
  await vi.waitFor(
    async () => {
      const status = (await (await fetch(`${base}/api/status`)).json()) as { state: string; has_qr: boolean };
      seen.push(status.has_qr ? `${status.state}+qr` : status.state);
      expect(until(status.state)).toBe(true);
    },
    { timeout: 30_000, interval: 100 },
  );
  return seen;
}

describe('the gateway process on the real browser', () => {
  it('resumes at boot, exits 0 on SIGTERM leaving nothing behind, and restores without a QR', async () => {
    // Link once in-process (the fake phone scans by itself), then close gracefully.
    const linker = await harness({ authDir, pageConfig: { autoScanAfterMs: 200 } });
    await linker.session.start();
    await linker.reach('ready', 30_000);
    await linker.session.shutdown();
    await installFakeWeb(join(authDir, 'web-cache'));

    for (const round of ['first boot', 'second boot']) {
      const gateway = spawnGateway(gatewayEnv());
      const base = await gateway.listening;
      const states = await pollStates(base, (state) => state === 'ready');
      expect(states.filter((state) => state.endsWith('+qr') || state === 'qr'), `${round}: ${states.join(' ')}`).toEqual([]);
      const sent = await fetch(`${base}/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone_number: '15550002222', message: `hello on the ${round}` }),
      });
      expect(sent.status).toBe(200);

      const stoppedAt = Date.now();
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited, gateway.output()).toBe(0);
      console.log(`process: ${round} -> SIGTERM to exit in ${Date.now() - stoppedAt} ms`);
      await expectNoBrowserUsing(authDir);
      expect(existsSync(join(authDir, 'gateway.lock'))).toBe(false);
      expect(existsSync(join(authDir, 'session-default', 'SingletonLock'))).toBe(false);
    }
  }, 120_000);
});
