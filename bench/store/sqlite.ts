import { createRequire } from 'node:module';

/** The few better-sqlite3 calls the benchmark makes on its own read-only connection. */
export interface ReadConnection {
  prepare(sql: string): { all(...params: unknown[]): unknown[]; get(...params: unknown[]): unknown };
  pragma(source: string, options?: { simple: boolean }): unknown;
  close(): void;
}

// better-sqlite3 is @wa/store's dependency, not the repository root's: load it from there.
const requireFromStore = createRequire(new URL('../../packages/store/package.json', import.meta.url));

export function openReadConnection(path: string): ReadConnection {
  const Database = requireFromStore('better-sqlite3') as new (path: string, options: { readonly: boolean }) => ReadConnection;
  const db = new Database(path, { readonly: true });
  db.pragma('cache_size = -32768');
  return db;
}

export function betterSqliteVersion(): string {
  return (requireFromStore('better-sqlite3/package.json') as { version: string }).version;
}

/** Bytes per part of the file: the messages table, its indexes, the full-text index, the rest. */
export function readSizes(path: string): Record<string, number> {
  const db = openReadConnection(path);
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as Array<{ name: string; bytes: number }>;
    const sizes: Record<string, number> = { 'messages table': 0, 'message indexes': 0, 'full-text index': 0, other: 0 };
    for (const { name, bytes } of rows) {
      const part = name === 'messages' ? 'messages table' : name.startsWith('messages_fts') ? 'full-text index' : name.startsWith('messages_') || name === 'sqlite_autoindex_messages_1' ? 'message indexes' : 'other';
      sizes[part] = (sizes[part] ?? 0) + bytes;
    }
    return sizes;
  } finally {
    db.close();
  }
}
