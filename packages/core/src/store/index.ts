export { DEFAULT_HISTORY_OPTIONS, History } from './history.js';
export type { HistoryOptions } from './history.js';
export type { MessageContext, MessageDirection, MessageStore, SearchHit, SearchPage, SearchQuery, StoredMessage } from './types.js';
