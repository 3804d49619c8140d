import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface OpenDatabaseOptions {
  /** How long a write waits for another connection's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating when missing) the SQLite file with the settings the store relies on. The file is
 * made owner-only before SQLite touches it: SQLite creates its -wal and -shm files with the main
 * file's permissions, and message history is as private as the session beside it.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  try {
    // WAL lets readers run while a batch is written; NORMAL skips the fsync per commit (a power
    // loss may drop the last commits, never corrupt the file), which backfill makes good again.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite refused WAL mode for ${path} (got ${String(mode)}).`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 32 MiB of page cache (SQLite's default is 2): indexes and the FTS index stay hot.
    db.pragma('cache_size = -32768');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
