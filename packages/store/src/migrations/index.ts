import { messagesMigration } from './001-messages.js';
import { searchMigration } from './002-search.js';
import { detailsAndContactsMigration } from './003-details-and-contacts.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step, oldest first. */
export const MIGRATIONS: readonly Migration[] = [messagesMigration, searchMigration, detailsAndContactsMigration];
