import type { GatewayConfig } from '../config/index.js';
import type { Chat, Contact, GroupInfo, Message } from '../driver/index.js';
import type { SessionSnapshot } from '../session/index.js';
import { chatIdUser } from '../util/phone-number.js';
import type { ChatSummary, ContactSummary, GroupInfoSummary, MessageSummary, SentMessage, Status } from './schemas.js';

/** Domain objects to wire shapes: the one place where snake_case field names are produced. */

export function toMessageSummary(message: Message): MessageSummary {
  return {
    id: message.id,
    from: message.from,
    to: message.to,
    author: message.author,
    from_me: message.fromMe,
    type: message.type,
    body: message.body,
    timestamp: message.timestamp,
    has_media: message.hasMedia,
    quoted_message_id: message.quotedMessageId ?? null,
    mentions: message.mentions ?? [],
    media: message.media ? { ...message.media } : null,
    location: message.location ? { ...message.location } : null,
  };
}

/** The result of any send: the old `/api/send` shape, `to` being the part of the chat id before `@`. */
export function toSentMessage(chatId: string, message: Message): SentMessage {
  return {
    ok: true,
    to: chatIdUser(chatId),
    chat_id: chatId,
    message_id: message.id,
    timestamp: new Date(message.timestamp * 1000).toISOString(),
  };
}

export function toContactSummary(contact: Contact): ContactSummary {
  return {
    id: contact.id,
    number: contact.number,
    name: contact.name,
    pushname: contact.pushname,
    is_my_contact: contact.isMyContact,
    is_business: contact.isBusiness,
    is_blocked: contact.isBlocked,
  };
}

export function toGroupInfoSummary(group: GroupInfo): GroupInfoSummary {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    owner: group.owner,
    created_at: group.createdAt === null ? null : new Date(group.createdAt * 1000).toISOString(),
    participant_count: group.participants.length,
    participants: group.participants.map((p) => ({ id: p.id, is_admin: p.isAdmin, is_super_admin: p.isSuperAdmin })),
  };
}

export function toChatSummary(chat: Chat): ChatSummary {
  return {
    id: chat.id,
    name: chat.name,
    is_group: chat.isGroup,
    is_read_only: chat.isReadOnly,
    unread_count: chat.unreadCount,
    timestamp: chat.timestamp,
    archived: chat.archived,
    pinned: chat.pinned,
    muted: chat.muted,
    last_message: chat.lastMessage ? toMessageSummary(chat.lastMessage) : null,
  };
}

export function toStatus(snapshot: SessionSnapshot, config: Readonly<GatewayConfig>): Status {
  const ready = snapshot.state === 'ready';
  return {
    state: snapshot.state,
    ready,
    authenticated: ready,
    auth_dir: config.authDir,
    chrome_executable: config.chrome.executable ?? '',
    headless: config.chrome.headless,
    has_qr: snapshot.qr !== null,
    last_error: snapshot.lastError,
    account: ready && snapshot.account ? { ...snapshot.account } : null,
    driver: config.driver,
    has_pairing_code: snapshot.pairingCode !== null && snapshot.state === 'qr',
    state_since: new Date(snapshot.since).toISOString(),
    restart_attempts: snapshot.recovery.attempt,
    next_restart_at: snapshot.recovery.nextRetryAt === null ? null : new Date(snapshot.recovery.nextRetryAt).toISOString(),
  };
}
