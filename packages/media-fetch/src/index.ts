export { isPublicAddress } from './address-policy.js';
export { fetchMediaUrl, mediaFetcher } from './fetch-media-url.js';
export type { FetchUrlOptions } from './fetch-media-url.js';
