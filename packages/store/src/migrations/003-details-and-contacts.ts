import type { Migration } from './migration.js';

/**
 * Version 3: the details of rich messages, and contacts.
 *
 * Message details are JSON (NULL when a message has none, as most have): the store only reads
 * them back whole, and a NULL column costs no space in the row. `mentions` is an array of ids;
 * `media` is `{mimetype, filename, size}` (metadata only, never bytes); `location` is
 * `{latitude, longitude, name, address}`.
 *
 * Contacts carry `search_key` (name and pushname folded to lower case without diacritics, and
 * the number's digits; see `contact-search.ts`) and `sort_name`. Contact search is a scan of
 * `search_key`: an address book holds thousands, not millions, and a scan finds digits in the
 * middle of a number, which a token index cannot.
 */
export const detailsAndContactsMigration: Migration = {
  version: 3,
  name: 'message details and contacts',
  sql: `
ALTER TABLE messages ADD COLUMN quoted_message_id TEXT;
ALTER TABLE messages ADD COLUMN mentions TEXT;
ALTER TABLE messages ADD COLUMN media TEXT;
ALTER TABLE messages ADD COLUMN location TEXT;

CREATE TABLE contacts (
  id            TEXT PRIMARY KEY,
  number        TEXT,
  name          TEXT,
  pushname      TEXT,
  is_my_contact INTEGER NOT NULL DEFAULT 0,
  is_business   INTEGER NOT NULL DEFAULT 0,
  is_blocked    INTEGER NOT NULL DEFAULT 0,
  search_key    TEXT NOT NULL,
  sort_name     TEXT NOT NULL
) STRICT;
`,
};
