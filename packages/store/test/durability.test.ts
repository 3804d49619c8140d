import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteMessageStore } from '../src/index.js';
import { MIGRATIONS } from '../src/migrations/index.js';
import { ALICE, chat, message, tempDir } from './support.js';

describe('the store file', () => {
  it('keeps messages, chats, edits and the search index across a close and a reopen', async () => {
    const path = join(tempDir(), 'messages.db');
    const first = new SqliteMessageStore(path);
    const edited = message({ body: 'first draft' });
    await first.upsertChats([chat({ name: 'Alice', unreadCount: 2 })]);
    await first.upsertMessages([edited, message({ body: 'Café tomorrow?' }), message({ body: 'sure' })]);
    await first.markEdited(edited.id, 'final text', 1_700_000_999);
    await first.close();

    const second = new SqliteMessageStore(path);
    try {
      expect((await second.readMessages(ALICE, 10)).map((m) => m.body)).toEqual(['final text', 'Café tomorrow?', 'sure']);
      expect(await second.getChat(ALICE)).toMatchObject({ name: 'Alice', unreadCount: 2 });
      expect((await second.search({ text: 'cafe', limit: 5 })).hits.map((hit) => hit.snippet)).toEqual(['[Café] tomorrow?']);
      expect((await second.search({ text: 'final', limit: 5 })).hits[0]!.message.editedAt).toBe(1_700_000_999);
      expect((await second.search({ text: 'draft', limit: 5 })).hits).toHaveLength(0);
      expect(await second.upsertMessages([edited])).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('is created owner-only, in WAL mode, with foreign keys on', async () => {
    const dir = join(tempDir(), 'nested', 'auth');
    const path = join(dir, 'messages.db');
    const store = new SqliteMessageStore(path);
    await store.upsertMessages([message()]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    } finally {
      raw.close();
    }
  });

  it('tightens a file that was readable by others', async () => {
    const path = join(tempDir(), 'messages.db');
    new Database(path).close();
    chmodSync(path, 0o644);
    await new SqliteMessageStore(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('closes once, and a second close is harmless', async () => {
    const store = new SqliteMessageStore(join(tempDir(), 'messages.db'));
    await store.close();
    await store.close();
    await expect(store.readMessages(ALICE, 1)).rejects.toThrow();
  });

  it('lets a second connection read while the store writes', async () => {
    const path = join(tempDir(), 'messages.db');
    const store = new SqliteMessageStore(path);
    try {
      await store.upsertMessages([message({ body: 'visible' })]);
      const reader = new Database(path, { readonly: true });
      try {
        expect(reader.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
      } finally {
        reader.close();
      }
    } finally {
      await store.close();
    }
  });
});
