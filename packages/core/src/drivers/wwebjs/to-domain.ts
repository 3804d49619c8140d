import type { Chat, GeoLocation, MediaInfo, Message, ReactionUpdate } from '../../driver/index.js';
import type { ChatLike, IdLike, LocationLike, MessageLike } from './client-like.js';

/** Library structures to domain objects. Only plain fields are read: the raw objects hold the page handle. */

export function toMessage(message: MessageLike): Message {
  const hasMedia = Boolean(message.hasMedia);
  return {
    id: message.id._serialized,
    from: message.from,
    to: message.to,
    author: message.author ? String(message.author) : null,
    fromMe: Boolean(message.fromMe),
    type: message.type,
    body: typeof message.body === 'string' ? message.body : '',
    timestamp: Number.isFinite(message.timestamp) ? message.timestamp : 0,
    hasMedia,
    quotedMessageId: message.hasQuotedMsg ? quotedMessageId(message) : null,
    mentions: (message.mentionedIds ?? []).map(serialized).filter((id) => id !== ''),
    media: hasMedia ? toMediaInfo(message._data ?? {}) : null,
    location: message.location ? toLocation(message.location) : null,
  };
}

export function serialized(id: IdLike | null | undefined): string {
  if (!id) return '';
  return typeof id === 'string' ? id : String(id._serialized ?? '');
}

/**
 * The quoted message's serialized id, rebuilt from what the page model carries about a quote
 * (`quotedStanzaID`, `quotedParticipant`, `quotedRemoteJid`) without another page call. The
 * account's own id is the recipient of incoming messages and the sender of outgoing ones.
 */
function quotedMessageId(message: MessageLike): string | null {
  const data = message._data ?? {};
  const stanzaId = typeof data['quotedStanzaID'] === 'string' ? data['quotedStanzaID'] : '';
  if (!stanzaId) return null;
  const me = message.fromMe ? message.from : message.to;
  const chat = serialized(data['quotedRemoteJid'] as IdLike | undefined) || (message.fromMe ? message.to : message.from);
  const participant = serialized(data['quotedParticipant'] as IdLike | undefined);
  const quotedFromMe = participant !== '' && participant === me;
  const inGroup = chat.endsWith('@g.us');
  return [String(quotedFromMe), chat, stanzaId, ...(inGroup && participant ? [participant] : [])].join('_');
}

function toMediaInfo(data: Record<string, unknown>): MediaInfo {
  const size = Number(data['size']);
  return {
    mimetype: typeof data['mimetype'] === 'string' ? data['mimetype'] : null,
    filename: typeof data['filename'] === 'string' && data['filename'] !== '' ? data['filename'] : null,
    size: Number.isFinite(size) && size >= 0 ? size : null,
  };
}

function toLocation(location: LocationLike): GeoLocation {
  return {
    latitude: Number(location.latitude),
    longitude: Number(location.longitude),
    name: location.name || null,
    address: location.address || null,
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
    // The library divides the page's milliseconds by 1000: round down to whole seconds.
    timestamp: Number.isFinite(reaction.timestamp) ? Math.floor(reaction.timestamp) : 0,
  };
}
