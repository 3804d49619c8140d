import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteMessageStore } from '../src/index.js';
import { migrate } from '../src/migrate.js';
import { MIGRATIONS } from '../src/migrations/index.js';
import { ALICE, BOB, GROUP, tempDir } from './support.js';

const SECOND = 2 ** 20;

/** A store file as version 1 of the schema wrote it (chats and messages, no search index). */
function versionOneFile(path: string): void {
  const db = new Database(path);
  migrate(db, MIGRATIONS.slice(0, 1));
  db.prepare("INSERT INTO chats (id, name, is_group, timestamp, last_message_at) VALUES (?, 'Alice', 0, 1000, 1002)").run(ALICE);
  const insert = db.prepare(
    `INSERT INTO messages (seq, id, chat_id, "from", "to", author, from_me, type, body, timestamp, has_media, edited_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?, 'chat', ?, ?, 0, ?)`,
  );
  insert.run(1000 * SECOND, 'm1', ALICE, ALICE, BOB, 0, 'Olá, tudo bem? Café às três', 1000, null);
  insert.run(1001 * SECOND, 'm2', ALICE, BOB, ALICE, 1, 'sure, see you at the café', 1001, 1005);
  insert.run(1002 * SECOND, 'm3', ALICE, ALICE, BOB, 0, 'bring the documents', 1002, null);
  db.close();
}

/** A store file as version 2 wrote it (search, but no message details and no contacts). */
function versionTwoFile(path: string): void {
  const db = new Database(path);
  migrate(db, MIGRATIONS.slice(0, 2));
  db.prepare("INSERT INTO chats (id, name, is_group, unread_count, timestamp, last_message_at) VALUES (?, 'Team', 1, 2, 2000, 2001)").run(GROUP);
  const insert = db.prepare(
    `INSERT INTO messages (seq, id, chat_id, "from", "to", author, from_me, type, body, timestamp, has_media)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  );
  insert.run(2000 * SECOND, 'g1', GROUP, GROUP, ALICE, BOB, 'chat', 'Reunião amanhã às nove', 2000, 0);
  insert.run(2001 * SECOND, 'g2', GROUP, GROUP, ALICE, BOB, 'image', 'a foto da reunião', 2001, 1);
  db.close();
}

describe('schema migrations', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('upgrade a version-1 file in place without losing a message, and index what it held', async () => {
    const path = join(tempDir(), 'messages.db');
    versionOneFile(path);
    const store = new SqliteMessageStore(path);
    try {
      const messages = await store.readMessages(ALICE, 10);
      expect(messages.map((m) => [m.id, m.body, m.fromMe, m.editedAt])).toEqual([
        ['m1', 'Olá, tudo bem? Café às três', false, null],
        ['m2', 'sure, see you at the café', true, 1005],
        ['m3', 'bring the documents', false, null],
      ]);
      expect(await store.getChat(ALICE)).toMatchObject({ name: 'Alice', timestamp: 1002 });
      const { hits } = await store.search({ text: 'cafe', limit: 10 });
      expect(hits.map((hit) => hit.message.id).sort()).toEqual(['m1', 'm2']);
      expect((await store.search({ text: 'cafe', limit: 10, sender: BOB })).hits.map((hit) => hit.message.id)).toEqual(['m2']);
      // New writes go through the new triggers.
      await store.upsertMessages([{ id: 'm4', chatId: ALICE, from: ALICE, to: BOB, author: null, fromMe: false, type: 'chat', body: 'more café', timestamp: 1003, hasMedia: false }]);
      expect((await store.search({ text: 'cafe', limit: 10 })).hits).toHaveLength(3);
    } finally {
      await store.close();
    }
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
  });

  it('upgrade a version-2 file to version 3: old messages read back with no details, new ones keep theirs, contacts work', async () => {
    const path = join(tempDir(), 'messages.db');
    versionTwoFile(path);
    const store = new SqliteMessageStore(path);
    try {
      const old = await store.readMessages(GROUP, 10);
      expect(old.map((m) => [m.id, m.type, m.hasMedia, m.quotedMessageId, m.mentions, m.media, m.location])).toEqual([
        ['g1', 'chat', false, null, [], null, null],
        ['g2', 'image', true, null, [], null, null],
      ]);
      expect(await store.getChat(GROUP)).toMatchObject({ name: 'Team', unreadCount: 2, timestamp: 2001, lastMessage: { id: 'g2', mentions: [] } });
      expect((await store.search({ text: 'reuniao', limit: 10 })).hits.map((hit) => hit.message.id).sort()).toEqual(['g1', 'g2']);
      const reply = { id: 'g3', chatId: GROUP, from: GROUP, to: ALICE, author: BOB, fromMe: false, type: 'chat', body: 'reunião confirmada', timestamp: 2002, hasMedia: false, quotedMessageId: 'g1', mentions: [ALICE], media: null, location: null };
      expect(await store.upsertMessages([reply])).toBe(1);
      expect((await store.search({ text: 'confirmada', limit: 10 })).hits[0]!.message).toMatchObject({ quotedMessageId: 'g1', mentions: [ALICE] });
      await store.upsertContacts([{ id: BOB, number: '15551110002', name: 'Bob', pushname: null, isMyContact: true, isBusiness: false, isBlocked: false }]);
      expect((await store.searchContacts('bob', 5)).map((c) => c.id)).toEqual([BOB]);
    } finally {
      await store.close();
    }
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    raw.close();
  });

  it('run once: reopening an up-to-date file changes nothing', async () => {
    const path = join(tempDir(), 'messages.db');
    await new SqliteMessageStore(path).close();
    const db = new Database(path);
    expect(migrate(db)).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length });
    db.close();
  });

  it('leave the file untouched when a step fails', () => {
    const path = join(tempDir(), 'messages.db');
    versionOneFile(path);
    const db = new Database(path);
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE extra (x); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('extra', 'messages_fts')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a file written by a newer version', () => {
    const path = join(tempDir(), 'messages.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteMessageStore(path)).toThrow(/schema version 99, newer than this gateway knows/);
  });
});
