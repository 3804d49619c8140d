import type { Migration } from './migration.js';

/**
 * Version 2: full-text search over message bodies.
 *
 * An external-content FTS5 table: the index holds tokens and positions only and reads text back
 * from `messages` (by `seq`) for snippets, so bodies are not stored twice. A contentless table
 * would be as small but cannot make snippets. Triggers keep the index in step with every insert,
 * delete and change; `rebuild` indexes the rows a version-1 store already holds.
 *
 * Every filter is answered inside the index, never by a lookup per match (at a million messages
 * a lookup costs about 3 µs, and a frequent word matches hundreds of thousands):
 * - the body goes to `body_in` or `body_out` by direction (the other one is NULL), so direction is
 *   a column filter and a search without one reads both;
 * - `facets` holds one token each for the chat, the sender and the type: U+E000 (private use: a
 *   token character nobody types, so facets never crowd the doclist of a prefix like `cha*`),
 *   `c`, `s` or `t`, then the value's UTF-8 bytes in hex; a filter is one more AND term;
 * - dates are seq ranges (see message-seq.ts).
 *
 * `unicode61 remove_diacritics 2` folds case and diacritics at index and query time alike, so
 * "cafe" finds "Café"; `detail=full` (the default) keeps the positions phrases and snippets need.
 * `prefix = '3'` adds an index of 3-character prefixes: `wor*` then reads one doclist instead of
 * merging those of every word starting with "wor" (about 15 % more index, measured).
 */
export const searchMigration: Migration = {
  version: 2,
  name: 'full-text search',
  sql: `
ALTER TABLE messages ADD COLUMN body_in TEXT GENERATED ALWAYS AS (CASE WHEN from_me = 0 THEN body END) VIRTUAL;
ALTER TABLE messages ADD COLUMN body_out TEXT GENERATED ALWAYS AS (CASE WHEN from_me = 0 THEN NULL ELSE body END) VIRTUAL;
ALTER TABLE messages ADD COLUMN facets TEXT GENERATED ALWAYS AS (
  char(57344) || 'c' || hex(chat_id) || ' ' ||
  char(57344) || 's' || hex(coalesce(author, "from")) || ' ' ||
  char(57344) || 't' || hex(type)
) VIRTUAL;

CREATE VIRTUAL TABLE messages_fts USING fts5 (
  body_in,
  body_out,
  facets,
  prefix = '3',
  content = 'messages',
  content_rowid = 'seq',
  tokenize = "unicode61 remove_diacritics 2"
);

INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, body_in, body_out, facets) VALUES (new.seq, new.body_in, new.body_out, new.facets);
END;

CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body_in, body_out, facets) VALUES ('delete', old.seq, old.body_in, old.body_out, old.facets);
END;

-- The index must be told exactly what it holds for a row before that row changes.
CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, from_me, chat_id, "from", author, type ON messages
WHEN old.body IS NOT new.body OR old.from_me IS NOT new.from_me OR old.facets IS NOT new.facets BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, body_in, body_out, facets) VALUES ('delete', old.seq, old.body_in, old.body_out, old.facets);
  INSERT INTO messages_fts (rowid, body_in, body_out, facets) VALUES (new.seq, new.body_in, new.body_out, new.facets);
END;
`,
};
