export { mediaTooLarge } from './media-errors.js';
export type { FetchMediaOptions, FetchedMedia, MediaFetcher } from './media-fetcher.js';
export { loadMediaInput } from './media-input.js';
export type { MediaInput } from './media-input.js';
export { defaultFilename, resolveMimetype } from './sniff.js';
