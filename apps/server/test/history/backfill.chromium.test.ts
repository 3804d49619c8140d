import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FAKE_ACCOUNT } from '../../../../packages/core/test/fake-web/install-fake-web.js';
import { harness, useE2eHarness } from '../../../../packages/core/test/support/e2e-harness.js';
import { startFakePageGateway } from '../support/fake-page-gateway.js';

/**
 * Gap-free history on the real library: a message that arrives while the gateway is down is
 * backfilled into the store at the next start and published once as a missed event.
 */
useE2eHarness();
const authDir = mkdtempSync(join(tmpdir(), 'wa-backfill-'));
afterAll(() => rmSync(authDir, { recursive: true, force: true }));

describe('gap-free history on the real browser', () => {
  it('backfills a message that arrived while the gateway was down, and announces it once', async () => {
    const first = await startFakePageGateway(authDir);
    await vi.waitFor(async () => {
      const exported = (await (await fetch(`${first.base}/api/chats/export?chat_id=${encodeURIComponent(FAKE_ACCOUNT.chats.bob)}`)).json()) as { count?: number };
      expect(exported.count).toBeGreaterThan(0);
    }, { timeout: 15_000 });
    await first.gateway.app.close();

    // The gateway is down; the phone keeps receiving. A bare session (no store) sees it happen.
    const phone = await harness({ authDir, pageConfig: { autoScanAfterMs: 200 } });
    await phone.session.start();
    await phone.reach('ready', 30_000);
    const missedId = (await phone.knob(`window.__fakeWa.receiveMessage(${JSON.stringify(FAKE_ACCOUNT.chats.bob)}, 'sent while the gateway was down')`)) as string;
    await phone.session.shutdown();

    const second = await startFakePageGateway(authDir);
    try {
      await vi.waitFor(async () => {
        const found = (await (await fetch(`${second.base}/api/search?query=${encodeURIComponent('"gateway was down"')}`)).json()) as { results: Array<{ message: { id: string } }> };
        expect(found.results.map((hit) => hit.message.id)).toEqual([missedId]);
      }, { timeout: 20_000 });
      const page = (await (await fetch(`${second.base}/api/updates?cursor=0&types=message.received&limit=100`)).json()) as { events: Array<{ data: { message: { id: string }; backfilled?: boolean } }> };
      const announced = page.events.filter((event) => event.data.message.id === missedId);
      expect(announced).toHaveLength(1);
      expect(announced[0]!.data.backfilled).toBe(true);
    } finally {
      await second.gateway.app.close();
    }
  }, 120_000);
});
