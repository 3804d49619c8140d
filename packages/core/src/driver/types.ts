import type { DriverName } from '../config/index.js';
import type { TypedEmitter } from '../events/typed-emitter.js';

/** The linked account, known once the session is ready. */
export interface Account {
  /** Serialized wid, like `15551234567@c.us`. */
  wid: string;
  pushname: string | null;
  platform: string | null;
}

export interface Message {
  /** Serialized message id; unique and stable. */
  id: string;
  from: string;
  to: string;
  /** Sender inside a group; null in one-to-one chats. */
  author: string | null;
  fromMe: boolean;
  type: string;
  body: string;
  /** Unix seconds. */
  timestamp: number;
  hasMedia: boolean;
  /** The message this one replies to (quotes), when it is a reply. */
  quotedMessageId?: string | null;
  /** Ids of the people @-mentioned in the text. */
  mentions?: string[];
  /** What is known about the attached media without downloading it; null without media. */
  media?: MediaInfo | null;
  /** Set on location messages. */
  location?: GeoLocation | null;
}

export interface MediaInfo {
  mimetype: string | null;
  filename: string | null;
  /** Bytes, when WhatsApp reported it. */
  size: number | null;
}

export interface GeoLocation {
  latitude: number;
  longitude: number;
  /** Place name, when the sender gave one. */
  name: string | null;
  address: string | null;
}

/** Media bytes, going out or coming in. */
export interface MediaFile {
  data: Buffer;
  mimetype: string;
  filename: string | null;
}

export interface SendOptions {
  /** Reply to (quote) this message of the same chat. */
  quotedMessageId?: string | undefined;
  /** Ids to @-mention; the text should contain `@<digits>` for each. */
  mentions?: string[] | undefined;
}

export interface SendMediaOptions extends SendOptions {
  caption?: string | undefined;
  /** Send as a file attachment instead of an inline image/video/audio. */
  asDocument?: boolean | undefined;
  /** Send audio as a voice note (push-to-talk). */
  asVoice?: boolean | undefined;
}

export type ChatPresence = 'typing' | 'recording' | 'paused';

export interface Contact {
  /** Serialized wid (`@c.us` or `@lid`). */
  id: string;
  /** Phone number digits, when known. */
  number: string | null;
  /** Name in the address book of the phone. */
  name: string | null;
  /** Name the person set for themselves. */
  pushname: string | null;
  isMyContact: boolean;
  isBusiness: boolean;
  isBlocked: boolean;
}

export interface GroupParticipant {
  id: string;
  isAdmin: boolean;
  isSuperAdmin: boolean;
}

export interface GroupInfo {
  id: string;
  name: string;
  description: string | null;
  owner: string | null;
  /** Unix seconds. */
  createdAt: number | null;
  participants: GroupParticipant[];
}

export interface Chat {
  id: string;
  name: string;
  isGroup: boolean;
  isReadOnly: boolean;
  unreadCount: number;
  /** Unix seconds of the last activity, or null when unknown. */
  timestamp: number | null;
  archived: boolean;
  pinned: boolean;
  muted: boolean;
  lastMessage: Message | null;
}

/**
 * What a driver reports. Drivers report facts; only the session turns them into states.
 * After `failure` (or a `disconnected` that is not a logout) the driver instance is dead: the
 * session stops it and builds a new one.
 */
export type DriverEvents = {
  /** A QR to scan, on first display and on every rotation. */
  qr: (qr: string) => void;
  /** A pairing code to type on the phone, on first display and on every refresh. */
  pairing_code: (code: string) => void;
  /** The phone accepted the link; full sync is running. Can repeat. */
  authenticated: () => void;
  /** Usable. Can repeat within one session (page reloads): listeners must be idempotent. */
  ready: (account: Account) => void;
  /** WhatsApp ended the session, with its reason (`LOGOUT`, `CONFLICT`, `UNPAIRED`, ...). */
  disconnected: (reason: string) => void;
  /** The browser or page died under us (crash, closed target). */
  failure: (error: Error) => void;
  /** A message from someone else arrived. */
  message: (message: Message) => void;
  /** A message this account created, through the gateway or on any other device. */
  message_sent: (message: Message) => void;
  /** Delivery progress of a message: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
  message_ack: (update: AckUpdate) => void;
  /** A message was deleted for everyone. */
  message_revoked: (update: MessageRef) => void;
  message_edited: (update: { message: Message; previousBody: string }) => void;
  /** A reaction was set, changed or removed (empty `reaction`). */
  message_reaction: (update: ReactionUpdate) => void;
  /** A chat's unread counter changed (a message arrived, or it was read here or on the phone). */
  chat_unread: (update: UnreadUpdate) => void;
};

/** A chat's unread counter, as WhatsApp reports it after a change. */
export interface UnreadUpdate {
  chatId: string;
  unreadCount: number;
}

/** Points at one message. */
export interface MessageRef {
  messageId: string;
  chatId: string;
}

export interface AckUpdate extends MessageRef {
  ack: number;
}

export interface ReactionUpdate extends MessageRef {
  senderId: string;
  /** The emoji, or an empty string when the reaction was removed. */
  reaction: string;
  /** Unix seconds. */
  timestamp: number;
}

export interface StartOptions {
  /** Link with a pairing code for this number (digits only) instead of a QR. */
  pairingPhoneNumber?: string;
}

/** One WhatsApp client lifetime. Every method that reaches the browser is bounded by a timeout. */
export interface WhatsAppDriver extends Pick<TypedEmitter<DriverEvents>, 'on' | 'once' | 'off'> {
  readonly name: DriverName;
  /** Launches and resolves once a QR, a pairing code or a restored session is on its way. */
  start(options?: StartOptions): Promise<void>;
  /** Asks for a pairing code for `phoneNumber` (digits) on a client that shows a QR. */
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** WhatsApp Web's own connection state (`CONNECTED`, ...), or null when unknown. */
  getState(): Promise<string | null>;
  /** The chat id of a phone number (digits), or null when the number is not on WhatsApp. */
  lookupNumber(digits: string): Promise<string | null>;
  sendText(chatId: string, text: string, options?: SendOptions): Promise<Message>;
  sendMedia(chatId: string, media: MediaFile, options?: SendMediaOptions): Promise<Message>;
  sendLocation(chatId: string, location: GeoLocation, options?: SendOptions): Promise<Message>;
  /** One message by its serialized id, or null when WhatsApp does not know it. */
  getMessage(messageId: string): Promise<Message | null>;
  /** The media of a message, or null when it has none or it can no longer be downloaded. */
  downloadMedia(messageId: string): Promise<MediaFile | null>;
  /** Sets this account's reaction; an empty string removes it. */
  react(messageId: string, reaction: string): Promise<void>;
  /** Edits one of this account's messages; resolves with the edited message. */
  editMessage(messageId: string, text: string): Promise<Message>;
  deleteMessage(messageId: string, forEveryone: boolean): Promise<void>;
  forwardMessage(messageId: string, toChatId: string): Promise<void>;
  /** Marks every message of the chat read (blue ticks to the sender). */
  markRead(chatId: string): Promise<void>;
  setPresence(chatId: string, presence: ChatPresence): Promise<void>;
  listContacts(): Promise<Contact[]>;
  getContact(contactId: string): Promise<Contact | null>;
  /** Group details and participants, or null when the chat is not a group this account is in. */
  getGroup(chatId: string): Promise<GroupInfo | null>;
  /** Most recent first. */
  listChats(limit: number): Promise<Chat[]>;
  getChat(chatId: string): Promise<Chat | null>;
  /** Oldest first. */
  readMessages(chatId: string, limit: number): Promise<Message[]>;
  /** Unlinks the device and deletes the saved session. */
  logout(): Promise<void>;
  /** Closes the browser and keeps the saved session. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Builds drivers and manages what a driver keeps on disk between lifetimes. */
export interface DriverFactory {
  readonly name: DriverName;
  create(): Promise<WhatsAppDriver>;
  /** True when a linked session was saved and can be resumed without a QR. */
  hasSavedSession(): Promise<boolean>;
  /** Deletes the saved session (logout while no client runs). */
  clearSavedSession(): Promise<void>;
}
