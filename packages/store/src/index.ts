export { SqliteMessageStore } from './sqlite-message-store.js';
export type { SqliteMessageStoreOptions } from './sqlite-message-store.js';
export { DEFAULT_RANK_WINDOW, MAX_SEARCH_LIMIT } from './search.js';
