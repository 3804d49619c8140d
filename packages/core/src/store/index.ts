export type { MessageContext, MessageDirection, MessageStore, SearchHit, SearchPage, SearchQuery, StoredMessage } from './types.js';
