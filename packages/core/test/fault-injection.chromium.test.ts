import { describe, expect, it } from 'vitest';
import type { SelfHealingOptions } from '../src/session/index.js';
import { expectNoBrowserUsing, harness, useE2eHarness } from './support/e2e-harness.js';

/**
 * Faults injected into the real browser under our session, with self-healing on: the session must
 * come back to ready with no manual action, and callers must get fast answers meanwhile.
 * Each test prints what it measured (time to recover), for the hardening report.
 */
useE2eHarness();

const HEALING: SelfHealingOptions = { enabled: true, maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 1000, watchdogIntervalMs: 500, readyTimeoutMs: 20_000 };
const LINKS_BY_ITSELF = { autoScanAfterMs: 200 };

interface PuppeteerPage {
  createCDPSession(): Promise<{ send(method: string): Promise<unknown> }>;
}

function browserPid(client: unknown): number {
  return (client as { pupBrowser: { process(): { pid: number } } }).pupBrowser.process().pid;
}

describe('fault injection on the real browser', () => {
  it('recovers from Chromium being SIGKILLed while ready', async () => {
    const h = await harness({ pageConfig: LINKS_BY_ITSELF, selfHealing: HEALING });
    await h.session.start();
    await h.reach('ready', 30_000);
    const killedAt = Date.now();
    process.kill(browserPid(h.clients[0]), 'SIGKILL');
    await h.reach('disconnected');
    expect(h.session.snapshot().lastError).toMatch(/Chromium exited[\s\S]*Restarting by itself \(attempt 1 of 3\)/);
    await h.reach('ready', 30_000);
    console.log(`fault: SIGKILL chromium -> ready again after ${Date.now() - killedAt} ms`);
    expect(h.clients).toHaveLength(2);
    expect(h.session.snapshot().recovery).toEqual({ attempt: 0, nextRetryAt: null });
    const sent = await h.session.call('send', (driver) => driver.sendText('15550002222@c.us', 'after the crash'));
    expect(sent.fromMe).toBe(true);
  });

  it('fails calls fast after a renderer crash and recovers the session', async () => {
    const h = await harness({ pageConfig: LINKS_BY_ITSELF, selfHealing: HEALING });
    await h.session.start();
    await h.reach('ready', 30_000);
    const page = h.clients[0]!.pupPage as unknown as PuppeteerPage;
    const cdp = await page.createCDPSession();
    const crashedAt = Date.now();
    void cdp.send('Page.crash').catch(() => undefined);
    await h.reach('disconnected', 10_000);
    const detectedMs = Date.now() - crashedAt;
    const callStarted = Date.now();
    await expect(h.session.call('list', (driver) => driver.listChats(5))).rejects.toMatchObject({ code: 'session_not_ready' });
    const answeredMs = Date.now() - callStarted;
    expect(answeredMs).toBeLessThan(1000);
    await h.reach('ready', 30_000);
    console.log(`fault: renderer crash -> detected in ${detectedMs} ms, a call answered in ${answeredMs} ms, ready again after ${Date.now() - crashedAt} ms`);
  });

  it('retries a start that cannot reach WhatsApp Web, then stays disconnected with the reason and no browser', async () => {
    const h = await harness({ installPage: false, selfHealing: { ...HEALING, maxAttempts: 2 } });
    const startedAt = Date.now();
    await expect(h.session.start()).rejects.toMatchObject({ code: 'browser_unavailable' });
    await h.reach('starting', 10_000);
    await h.reach('disconnected', 10_000);
    await h.reach('starting', 10_000);
    await h.reach('disconnected', 10_000);
    expect(h.session.snapshot().lastError).toMatch(/ERR_NAME_NOT_RESOLVED[\s\S]*Gave up after 2 restarts/);
    expect(h.clients).toHaveLength(3);
    console.log(`fault: unreachable page -> 3 starts, gave up after ${Date.now() - startedAt} ms`);
    await expectNoBrowserUsing(h.authDir);
  });
});
