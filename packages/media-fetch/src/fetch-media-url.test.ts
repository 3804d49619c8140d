import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchMediaUrl } from './fetch-media-url.js';

const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const onlyLoopbackOne = (address: string) => address === '127.0.0.1';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('fetchMediaUrl', () => {
  it('downloads the bytes with their type and the file name from the path', async () => {
    const port = await serve((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    const media = await fetchMediaUrl(`http://127.0.0.1:${port}/pics/cat%20photo.png?x=1`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne });
    expect(media.data.equals(PNG)).toBe(true);
    expect(media.contentType).toBe('image/png');
    expect(media.filename).toBe('cat photo.png');
  });

  it('takes the file name from Content-Disposition', async () => {
    const port = await serve((_req, res) => res.writeHead(200, { 'content-disposition': `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf` }).end('x'));
    const media = await fetchMediaUrl(`http://127.0.0.1:${port}/download`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne });
    expect(media.filename).toBe('résumé.pdf');
  });

  it('refuses loopback by default, before any request is made', async () => {
    let requests = 0;
    const port = await serve((_req, res) => {
      requests += 1;
      res.end('secret');
    });
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      await expect(fetchMediaUrl(`http://${host}:${port}/`, { maxBytes: 1000, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'media_url_blocked' });
    }
    expect(requests).toBe(0);
  });

  it('checks every redirect hop against the policy', async () => {
    const target = await serve((_req, res) => res.end('internal'));
    const port = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${target}/admin` }).end());
    await expect(fetchMediaUrl(`http://127.0.0.1:${port}/`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne })).rejects.toMatchObject({ code: 'media_url_blocked' });
  });

  it('follows allowed redirects', async () => {
    const target = await serve((_req, res) => res.end('moved here'));
    const port = await serve((_req, res) => res.writeHead(301, { location: `http://127.0.0.1:${target}/file.txt` }).end());
    const media = await fetchMediaUrl(`http://127.0.0.1:${port}/old`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne });
    expect(media.data.toString()).toBe('moved here');
    expect(media.filename).toBe('file.txt');
  });

  it('stops a body larger than the limit, declared or streamed', async () => {
    const declared = await serve((_req, res) => res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000)));
    await expect(fetchMediaUrl(`http://127.0.0.1:${declared}/`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne })).rejects.toMatchObject({ code: 'media_too_large' });
    const chunked = await serve((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i += 1) res.write(Buffer.alloc(500));
      res.end();
    });
    await expect(fetchMediaUrl(`http://127.0.0.1:${chunked}/`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne })).rejects.toMatchObject({ code: 'media_too_large' });
  });

  it('gives up on a server that never answers', async () => {
    const port = await serve(() => undefined);
    const started = Date.now();
    await expect(fetchMediaUrl(`http://127.0.0.1:${port}/`, { maxBytes: 1000, timeoutMs: 300, isAllowedAddress: onlyLoopbackOne })).rejects.toMatchObject({
      code: 'media_fetch_failed',
      message: expect.stringContaining('300 ms'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports HTTP errors and refuses other schemes', async () => {
    const port = await serve((_req, res) => res.writeHead(404).end());
    await expect(fetchMediaUrl(`http://127.0.0.1:${port}/`, { maxBytes: 1000, timeoutMs: 2000, isAllowedAddress: onlyLoopbackOne })).rejects.toMatchObject({
      code: 'media_fetch_failed',
      message: expect.stringContaining('HTTP 404'),
    });
    await expect(fetchMediaUrl('file:///etc/passwd', { maxBytes: 1000, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'invalid_media' });
    await expect(fetchMediaUrl('not a url', { maxBytes: 1000, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'invalid_media' });
  });
});
