import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, Message } from '@wa/core';
import { afterEach } from 'vitest';
import { SqliteMessageStore, type SqliteMessageStoreOptions } from '../src/index.js';

export const ME = '15550000000@c.us';
export const ALICE = '15551110001@c.us';
export const BOB = '15551110002@c.us';
export const GROUP = '120363000000000001@g.us';

type NewMessage = Message & { chatId: string };

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh directory under the system temp dir, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wa-store-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on a new file (`messages.db` in a temp dir), closed after the test. */
export function openStore(options: SqliteMessageStoreOptions = {}, path = join(tempDir(), 'messages.db')): SqliteMessageStore {
  const store = new SqliteMessageStore(path, options);
  cleanups.push(() => store.close());
  return store;
}

let counter = 0;

/**
 * A received text message in Alice's chat unless told otherwise, with every detail field as a
 * driver reports them (none); ids are unique per call.
 */
export function message(overrides: Partial<NewMessage> = {}): NewMessage {
  counter += 1;
  const chatId = overrides.chatId ?? ALICE;
  const fromMe = overrides.fromMe ?? false;
  const isGroup = chatId.endsWith('@g.us');
  return {
    id: `${fromMe}_${chatId}_MSG${String(counter).padStart(8, '0')}`,
    chatId,
    from: fromMe ? ME : chatId,
    to: fromMe ? chatId : ME,
    author: isGroup ? (fromMe ? ME : BOB) : null,
    fromMe,
    type: 'chat',
    body: 'hello',
    timestamp: 1_700_000_000 + counter,
    hasMedia: false,
    quotedMessageId: null,
    mentions: [],
    media: null,
    location: null,
    ...overrides,
  };
}

export function chat(overrides: Partial<Chat> = {}): Chat {
  return {
    id: ALICE,
    name: 'Alice',
    isGroup: false,
    isReadOnly: false,
    unreadCount: 0,
    timestamp: null,
    archived: false,
    pinned: false,
    muted: false,
    lastMessage: null,
    ...overrides,
  };
}
