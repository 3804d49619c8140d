import type { Migration } from './migration.js';

/**
 * Version 1: chats and messages, without search.
 *
 * `messages.seq` is the integer rowid the search index points at (only an INTEGER PRIMARY KEY is
 * a rowid SQLite keeps stable across VACUUM). It is ordered by time, `timestamp * 2^20 + n` (see
 * `message-seq.ts`), and a CHECK holds every row to it. The message id is the natural key,
 * UNIQUE NOT NULL: every lookup and upsert goes through it.
 */
export const messagesMigration: Migration = {
  version: 1,
  name: 'chats and messages',
  sql: `
CREATE TABLE chats (
  id              TEXT PRIMARY KEY,
  -- NULL until the driver reports the chat: a message can arrive before its chat is listed.
  name            TEXT,
  is_group        INTEGER NOT NULL DEFAULT 0,
  is_read_only    INTEGER NOT NULL DEFAULT 0,
  unread_count    INTEGER NOT NULL DEFAULT 0,
  -- Last activity as the driver reported it (unix seconds).
  timestamp       INTEGER,
  archived        INTEGER NOT NULL DEFAULT 0,
  pinned          INTEGER NOT NULL DEFAULT 0,
  muted           INTEGER NOT NULL DEFAULT 0,
  -- The driver's last message, as JSON; it is not a stored message (see upsertChats).
  last_message    TEXT,
  -- Newest timestamp among the messages ever stored for this chat.
  last_message_at INTEGER,
  activity        INTEGER GENERATED ALWAYS AS (max(coalesce(timestamp, 0), coalesce(last_message_at, 0))) STORED
) STRICT;

CREATE INDEX chats_activity ON chats (activity DESC, id);

CREATE TABLE messages (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  chat_id    TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  "from"     TEXT NOT NULL,
  "to"       TEXT NOT NULL,
  author     TEXT,
  from_me    INTEGER NOT NULL,
  type       TEXT NOT NULL,
  body       TEXT NOT NULL,
  timestamp  INTEGER NOT NULL,
  has_media  INTEGER NOT NULL,
  edited_at  INTEGER,
  revoked_at INTEGER,
  -- Who wrote it: the author in groups, the sender otherwise (the search "sender" filter).
  sender     TEXT GENERATED ALWAYS AS (coalesce(author, "from")) VIRTUAL,
  CHECK (seq >> 20 = max(0, min(timestamp, 8589934591)))
) STRICT;

CREATE INDEX messages_chat_time ON messages (chat_id, timestamp);
CREATE INDEX messages_sender_time ON messages (sender, timestamp);
CREATE INDEX messages_time ON messages (timestamp);
`,
};
