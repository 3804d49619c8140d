import type { GatewayConfig } from '../config/index.js';
import type { MediaFile } from '../driver/index.js';
import { GatewayError } from '../errors.js';
import { mediaTooLarge } from './media-errors.js';
import type { MediaFetcher } from './media-fetcher.js';
import { defaultFilename, resolveMimetype } from './sniff.js';

/** Media as a caller gives it: a URL to fetch, or the bytes in base64. */
export interface MediaInput {
  url?: string | undefined;
  data_base64?: string | undefined;
  mimetype?: string | undefined;
  filename?: string | undefined;
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Turns a caller's media into bytes with a type and a name, within the configured limits. */
export async function loadMediaInput(
  input: MediaInput,
  config: Readonly<GatewayConfig>,
  fetchMedia: MediaFetcher | undefined,
  signal?: AbortSignal,
): Promise<MediaFile> {
  const { maxBytes } = config.media;
  if ((input.url === undefined) === (input.data_base64 === undefined)) {
    throw new GatewayError('invalid_media', 'Give the media as exactly one of media.url or media.data_base64.', { details: { field: 'media' } });
  }
  let data: Buffer;
  let declaredType = input.mimetype ?? null;
  let filename = input.filename ?? null;
  if (input.url !== undefined) {
    if (!fetchMedia) throw new GatewayError('invalid_media', 'This gateway cannot download media URLs; send media.data_base64 instead.', { details: { field: 'media.url' } });
    const fetched = await fetchMedia(input.url, { maxBytes, timeoutMs: config.media.fetchTimeoutMs, allowPrivateAddresses: config.media.allowPrivateUrls, signal });
    data = fetched.data;
    declaredType ??= fetched.contentType;
    filename ??= fetched.filename;
  } else {
    const text = input.data_base64 ?? '';
    declaredType ??= /^data:([^;,]+)/.exec(text)?.[1] ?? null;
    data = decodeBase64(text, maxBytes);
  }
  if (data.length === 0) throw new GatewayError('invalid_media', 'The media is empty.', { details: { field: 'media' } });
  const mimetype = resolveMimetype(declaredType, filename, data);
  return { data, mimetype, filename: filename ?? defaultFilename(mimetype) };
}

/** Strict base64 (standard or URL alphabet, optionally a `data:` URL): never silently drops junk. */
function decodeBase64(text: string, maxBytes: number): Buffer {
  const payload = text.startsWith('data:') ? text.slice(text.indexOf(',') + 1) : text;
  const compact = payload.replace(/\s+/g, '');
  if (Math.floor((compact.length * 3) / 4) > maxBytes + 2) throw mediaTooLarge(maxBytes);
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new GatewayError('invalid_media', 'media.data_base64 is not valid base64.', { details: { field: 'media.data_base64' } });
  }
  const data = Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
  if (data.length > maxBytes) throw mediaTooLarge(maxBytes);
  return data;
}
