import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { GatewayError, mediaTooLarge, type FetchedMedia, type MediaFetcher } from '@wa/core';
import { isPublicAddress } from './address-policy.js';

export interface FetchUrlOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Decides whether an address may be contacted; by default only public addresses. */
  isAllowedAddress?: (address: string) => boolean;
  /** Aborts the download (the caller went away). */
  signal?: AbortSignal | undefined;
}

/** The MediaFetcher core's media operations use. */
export const mediaFetcher: MediaFetcher = (url, options) =>
  fetchMediaUrl(url, {
    maxBytes: options.maxBytes,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    ...(options.allowPrivateAddresses ? { isAllowedAddress: () => true } : {}),
  });

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads a media URL for sending: http(s) only, bounded in time and size, every hop checked
 * against the address policy. The check happens in the socket's DNS lookup, so the address checked
 * is the address connected to (a rebinding DNS answer cannot slip an internal address past it).
 */
export async function fetchMediaUrl(rawUrl: string, options: FetchUrlOptions): Promise<FetchedMedia> {
  const isAllowed = options.isAllowedAddress ?? isPublicAddress;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let url = parseMediaUrl(rawUrl);
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await get(url, isAllowed, signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location) {
        response.resume();
        if (hop === MAX_REDIRECTS) throw fetchFailed(`it redirected more than ${MAX_REDIRECTS} times`);
        url = parseMediaUrl(new URL(location, url).href);
        continue;
      }
      if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) {
        response.resume();
        throw fetchFailed(`the server answered HTTP ${response.statusCode}`);
      }
      const data = await readBody(response, options.maxBytes);
      return {
        data,
        contentType: response.headers['content-type'] ?? null,
        filename: filenameOf(response.headers['content-disposition'], url),
      };
    }
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    if (timeout.aborted) throw fetchFailed(`it did not finish within ${options.timeoutMs} ms`);
    if (options.signal?.aborted) throw fetchFailed('the request was cancelled');
    throw fetchFailed((error as Error).message);
  }
}

function parseMediaUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GatewayError('invalid_media', 'media.url is not a valid absolute URL.', { details: { field: 'media.url' } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GatewayError('invalid_media', `media.url must be http or https, not ${url.protocol.replace(':', '')}.`, { details: { field: 'media.url' } });
  }
  return url;
}

function get(url: URL, isAllowed: (address: string) => boolean, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // Node connects to IP literals without a lookup: check them here.
  if (isIP(host) && !isAllowed(host)) return Promise.reject(blocked(url));
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = addresses.filter((entry) => isAllowed(entry.address));
      if (usable.length === 0 || usable.length !== addresses.length) return callback(blocked(url), '', 0);
      if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const first = usable[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { lookup, signal, headers: { 'user-agent': 'whatsapp-gateway-media-fetch', accept: '*/*' } }, resolve);
    request.on('error', reject);
    request.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw mediaTooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw mediaTooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

function filenameOf(disposition: string | undefined, url: URL): string | null {
  const star = disposition && /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) return safeDecode(star[1]);
  const plain = disposition && /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  if (plain?.[1]) return plain[1].trim();
  const last = url.pathname.split('/').at(-1);
  return last ? safeDecode(last) : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function blocked(url: URL): GatewayError {
  return new GatewayError(
    'media_url_blocked',
    `media.url points at ${url.hostname}, an internal address the gateway does not fetch from; use a public URL, send the bytes as base64 or an upload, or set WHATSAPP_MEDIA_ALLOW_PRIVATE_URLS=true.`,
    { details: { field: 'media.url' } },
  );
}

function fetchFailed(reason: string): GatewayError {
  return new GatewayError('media_fetch_failed', `media.url could not be downloaded: ${reason}.`, { details: { field: 'media.url' } });
}
