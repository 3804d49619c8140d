import jsQRModule from 'jsqr';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchJson, gatewayPerTest, linkPhone } from './harness.js';

// jsqr is CommonJS declaring an ES `default`: under NodeNext the default import is the module object.
const jsQR = jsQRModule.default;
const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_TIMEOUT_MS = 45_000;

/** Debian's Chromium from the command line, each run with its own throwaway profile. */
class HeadlessChromium {
  #dir = '';
  #runs = 0;

  async open(): Promise<void> {
    this.#dir = await mkdtemp(join(tmpdir(), 'wa-qr-page-'));
  }

  async close(): Promise<void> {
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
  }

  #args(): string[] {
    this.#runs += 1;
    return ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=800,1000', `--user-data-dir=${join(this.#dir, `profile-${this.#runs}`)}`];
  }

  /** A real screenshot of `url`, decoded to RGBA pixels. */
  async screenshot(url: string): Promise<PNG> {
    const file = join(this.#dir, `shot-${this.#runs + 1}.png`);
    await run(CHROMIUM, [...this.#args(), `--screenshot=${file}`, url], { timeout: CHROMIUM_TIMEOUT_MS });
    return PNG.sync.read(await readFile(file));
  }

  /** The DOM after load, as Chromium serialises it. */
  async dumpDom(url: string): Promise<string> {
    const { stdout } = await run(CHROMIUM, [...this.#args(), '--dump-dom', url], { timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 });
    return stdout;
  }
}

/** The text of a QR code found anywhere in the image, or null. */
function decodeQr(image: PNG): string | null {
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height)?.data ?? null;
}

/** Visible text of an element by id in dumped HTML, tags stripped. */
function textOf(html: string, id: string): string | null {
  const match = new RegExp(`<p[^>]*id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return match ? match[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
}

describe('the /qr page in a real Chromium', () => {
  const startGateway = gatewayPerTest();
  const chromium = new HeadlessChromium();
  beforeEach(() => chromium.open());
  afterEach(() => chromium.close());

  it('shows a QR code that a camera decodes to the session’s current QR string, with the state', async () => {
    const gateway = await startGateway({ linkDelayMs: 600_000 });
    await fetchJson(`${gateway.base}/api/auth/start`, { method: 'POST' });
    const { body } = await fetchJson<{ state: string; qr: string | null }>(`${gateway.base}/api/qr`);
    expect(body.state).toBe('qr');
    expect(body.qr).toMatch(/^2@/);

    const image = await chromium.screenshot(`${gateway.base}/qr`);
    expect({ width: image.width, height: image.height }).toEqual({ width: 800, height: 1000 });
    expect(decodeQr(image)).toBe(body.qr);

    const dom = await chromium.dumpDom(`${gateway.base}/qr`);
    expect(textOf(dom, 'state')).toBe('State: qr — Waiting for the phone.');
    expect(dom).not.toContain('id="no-qr"');
    expect(gateway.session.snapshot().qr).toBe(body.qr);
  });

  it('shows no QR code once the phone linked, and says ready', async () => {
    const gateway = await startGateway({ linkDelayMs: 600_000 });
    await fetchJson(`${gateway.base}/api/auth/start`, { method: 'POST' });
    await linkPhone(gateway);
    expect((await fetchJson(`${gateway.base}/api/status`)).body).toMatchObject({ state: 'ready', has_qr: false });

    const image = await chromium.screenshot(`${gateway.base}/qr`);
    expect(image.width).toBe(800);
    expect(decodeQr(image)).toBeNull();

    const dom = await chromium.dumpDom(`${gateway.base}/qr`);
    expect(textOf(dom, 'state')).toBe('State: ready — Ready: this device is linked.');
    expect(textOf(dom, 'no-qr')).toBe('No QR yet.');
    expect(dom).not.toContain('<img');
  });
});
