import { describe, expect, it } from 'vitest';
import type { Chat, Message } from '../driver/index.js';
import { chatsBehind } from './chats-behind.js';

function chat(id: string, timestamp: number | null, lastMessageId?: string): Chat {
  const lastMessage = lastMessageId === undefined ? null : ({ id: lastMessageId, timestamp } as Message);
  return { id, name: id, isGroup: false, isReadOnly: false, unreadCount: 0, timestamp, archived: false, pinned: false, muted: false, lastMessage };
}

describe('chatsBehind', () => {
  it('decides by the id of the last message when the driver reports it, whatever its timestamp', () => {
    const chats = [chat('a', 100, 'a-new'), chat('b', 300, 'b-stored'), chat('c', 200, 'c-new')];
    const latest = new Map([['a', 100], ['b', 300], ['c', 50]]);
    expect(chatsBehind(chats, new Set(['a-new', 'c-new']), latest).map((c) => c.id)).toEqual(['c', 'a']);
  });

  it('falls back on activity against the newest stored message when there is no last message', () => {
    const chats = [chat('known', 100), chat('newer', 200), chat('unknown', 50), chat('empty', null)];
    const latest = new Map([['known', 100], ['newer', 150]]);
    expect(chatsBehind(chats, new Set(), latest).map((c) => c.id)).toEqual(['newer', 'unknown']);
  });
});
