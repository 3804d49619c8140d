import type { Chat } from '../driver/index.js';

/**
 * The chats of a listing that have something the store lacks, most recent activity first.
 * A chat whose last message the driver reports is behind when that message is new to the store
 * (`fresh`: decided by id, so a message in the same second as the newest stored one counts). A
 * chat reported without its last message is behind when its activity is newer than the newest
 * message stored for it (`latest`), or when nothing was ever stored for it.
 */
export function chatsBehind(chats: readonly Chat[], fresh: ReadonlySet<string>, latest: ReadonlyMap<string, number>): Chat[] {
  return chats
    .filter((chat) => {
      if (chat.lastMessage) return fresh.has(chat.lastMessage.id);
      const stored = latest.get(chat.id);
      return chat.timestamp !== null && (stored === undefined || chat.timestamp > stored);
    })
    .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0));
}
