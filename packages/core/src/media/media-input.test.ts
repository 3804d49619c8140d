import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import type { MediaFetcher } from './media-fetcher.js';
import { loadMediaInput } from './media-input.js';

const config = loadConfig({ WHATSAPP_MEDIA_MAX_BYTES: '2048' });
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('loadMediaInput', () => {
  it('decodes base64 and works out the type from the bytes when none is given', async () => {
    const media = await loadMediaInput({ data_base64: PNG.toString('base64') }, config, undefined);
    expect(media.data.equals(PNG)).toBe(true);
    expect(media.mimetype).toBe('image/png');
    expect(media.filename).toBe('file.png');
  });

  it('prefers the declared type, then the file name, and reads data URLs', async () => {
    expect((await loadMediaInput({ data_base64: 'aGVsbG8=', mimetype: 'text/plain; charset=utf-8' }, config, undefined)).mimetype).toBe('text/plain');
    expect((await loadMediaInput({ data_base64: 'aGVsbG8=', filename: 'notes.pdf' }, config, undefined)).mimetype).toBe('application/pdf');
    const fromDataUrl = await loadMediaInput({ data_base64: `data:image/jpeg;base64,${Buffer.from('jpeg').toString('base64')}` }, config, undefined);
    expect(fromDataUrl).toMatchObject({ mimetype: 'image/jpeg', filename: 'file.jpg' });
    expect(fromDataUrl.data.toString()).toBe('jpeg');
  });

  it('refuses invalid, empty, oversized and ambiguous media with a clear code', async () => {
    await expect(loadMediaInput({ data_base64: 'not base64!' }, config, undefined)).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(loadMediaInput({ data_base64: '' }, config, undefined)).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(loadMediaInput({ data_base64: Buffer.alloc(4096).toString('base64') }, config, undefined)).rejects.toMatchObject({ code: 'media_too_large', kind: 'too_large' });
    await expect(loadMediaInput({}, config, undefined)).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(loadMediaInput({ data_base64: 'aGk=', url: 'https://example.com/a.png' }, config, undefined)).rejects.toMatchObject({ code: 'invalid_media' });
  });

  it('downloads URLs through the fetcher port, with the configured limits, and types them from the answer', async () => {
    const calls: unknown[] = [];
    const fetcher: MediaFetcher = async (url, options) => {
      calls.push({ url, ...options });
      return { data: PNG, contentType: 'application/octet-stream', filename: 'dot.png' };
    };
    const open = loadConfig({ WHATSAPP_MEDIA_ALLOW_PRIVATE_URLS: 'true', WHATSAPP_MEDIA_FETCH_TIMEOUT_MS: '1500' });
    const media = await loadMediaInput({ url: 'http://10.0.0.5/dot.png' }, open, fetcher);
    expect(media).toMatchObject({ mimetype: 'image/png', filename: 'dot.png' });
    expect(calls).toEqual([{ url: 'http://10.0.0.5/dot.png', maxBytes: open.media.maxBytes, timeoutMs: 1500, allowPrivateAddresses: true, signal: undefined }]);
    await expect(loadMediaInput({ url: 'https://example.com/a.png' }, config, undefined)).rejects.toMatchObject({ code: 'invalid_media' });
  });
});
