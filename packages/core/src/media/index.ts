export { isPublicAddress } from './address-policy.js';
export { fetchMediaUrl } from './fetch-media-url.js';
export type { FetchMediaOptions, FetchedMedia } from './fetch-media-url.js';
export { loadMediaInput } from './media-input.js';
export type { MediaInput } from './media-input.js';
export { defaultFilename, resolveMimetype } from './sniff.js';
