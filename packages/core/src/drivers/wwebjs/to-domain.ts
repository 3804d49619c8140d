import type { Chat, Message, ReactionUpdate } from '../../driver/index.js';
import type { ChatLike, MessageLike } from './client-like.js';

/** Library structures to domain objects. Only plain fields are read: the raw objects hold the page handle. */

export function toMessage(message: MessageLike): Message {
  return {
    id: message.id._serialized,
    from: message.from,
    to: message.to,
    author: message.author ? String(message.author) : null,
    fromMe: Boolean(message.fromMe),
    type: message.type,
    body: typeof message.body === 'string' ? message.body : '',
    timestamp: Number.isFinite(message.timestamp) ? message.timestamp : 0,
    hasMedia: Boolean(message.hasMedia),
  };
}

export function toChat(chat: ChatLike): Chat {
  const id = chat.id._serialized;
  return {
    id,
    name: chat.name || id.split('@')[0] || id,
    isGroup: Boolean(chat.isGroup),
    isReadOnly: Boolean(chat.isReadOnly),
    unreadCount: Math.max(0, Math.trunc(chat.unreadCount ?? 0)),
    timestamp: typeof chat.timestamp === 'number' && Number.isFinite(chat.timestamp) ? chat.timestamp : null,
    archived: Boolean(chat.archived),
    pinned: Boolean(chat.pinned),
    muted: Boolean(chat.isMuted),
    lastMessage: chat.lastMessage ? toMessage(chat.lastMessage) : null,
  };
}

/** The library's Reaction structure, as far as the driver reads it. */
export interface ReactionLike {
  msgId: { _serialized: string; remote?: string | { _serialized: string } };
  senderId: string;
  reaction: string;
  timestamp: number;
}

export function toReaction(reaction: ReactionLike): ReactionUpdate {
  const remote = reaction.msgId.remote;
  const chatId = typeof remote === 'string' ? remote : (remote?._serialized ?? reaction.msgId._serialized.split('_')[1] ?? '');
  return {
    messageId: reaction.msgId._serialized,
    chatId,
    senderId: String(reaction.senderId ?? ''),
    reaction: String(reaction.reaction ?? ''),
    timestamp: Number.isFinite(reaction.timestamp) ? reaction.timestamp : 0,
  };
}
