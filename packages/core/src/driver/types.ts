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
};

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
  sendText(chatId: string, text: string): Promise<Message>;
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
