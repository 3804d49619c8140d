/**
 * The part of whatsapp-web.js's Client (1.34.7) the driver uses, as a structural type. The real
 * Client satisfies it; tests substitute a scripted fake with the same method names and events.
 */
export interface WidLike {
  _serialized: string;
}

/** A library structure's id field: a Wid as puppeteer returns it, or already a string. */
export type IdLike = WidLike | string;

/** The library's Location structure (what `Message.location` holds and `sendMessage` accepts). */
export interface LocationLike {
  latitude: number | string;
  longitude: number | string;
  name?: string | undefined;
  address?: string | undefined;
}

/** The library's MessageMedia structure (base64 data). */
export interface MessageMediaLike {
  mimetype: string;
  data: string;
  filename?: string | null | undefined;
  filesize?: number | null | undefined;
}

export interface MessageLike {
  id: { _serialized: string; fromMe?: boolean; id?: string };
  from: string;
  to: string;
  author?: string | null | undefined;
  fromMe: boolean;
  type: string;
  body: string;
  timestamp: number;
  hasMedia: boolean;
  hasQuotedMsg?: boolean | undefined;
  mentionedIds?: IdLike[] | undefined;
  location?: LocationLike | undefined;
  /** The raw page model the structure was built from (media and quote details live only here). */
  _data?: Record<string, unknown> | undefined;
}

/** A message the driver acts on: the library's Message structure, with its page-calling methods. */
export interface ActionableMessageLike extends MessageLike {
  /** Resolves undefined when the media cannot be downloaded (expired, or being re-uploaded). */
  downloadMedia(): Promise<MessageMediaLike | undefined>;
  react(reaction: string): Promise<unknown>;
  /** Resolves null when WhatsApp does not allow the edit. */
  edit(content: string): Promise<MessageLike | null>;
  /** Deletes for everyone when `everyone` and allowed; otherwise, silently, for this account only. */
  delete(everyone?: boolean): Promise<void>;
  forward(chatId: string): Promise<void>;
}

export interface GroupParticipantLike {
  id: IdLike;
  isAdmin?: boolean | undefined;
  isSuperAdmin?: boolean | undefined;
}

export interface ChatLike {
  id: WidLike;
  name?: string | undefined;
  isGroup: boolean;
  isReadOnly?: boolean | undefined;
  unreadCount?: number | undefined;
  timestamp?: number | undefined;
  archived?: boolean | undefined;
  pinned?: boolean | undefined;
  isMuted?: boolean | undefined;
  lastMessage?: MessageLike | undefined;
  fetchMessages(options: { limit: number }): Promise<MessageLike[]>;
  sendStateTyping(): Promise<unknown>;
  sendStateRecording(): Promise<unknown>;
  clearState(): Promise<unknown>;
  /** GroupChat only. */
  participants?: GroupParticipantLike[] | undefined;
  owner?: IdLike | undefined;
  createdAt?: Date | undefined;
  description?: string | undefined;
}

export interface ContactLike {
  id: WidLike;
  number?: string | undefined;
  name?: string | undefined;
  pushname?: string | undefined;
  isUser?: boolean | undefined;
  isGroup?: boolean | undefined;
  isMe?: boolean | undefined;
  isWAContact?: boolean | undefined;
  isMyContact?: boolean | undefined;
  isBusiness?: boolean | undefined;
  isBlocked?: boolean | undefined;
}

export interface ProcessLike {
  pid?: number | undefined;
}

export interface BrowserLike {
  on(event: 'disconnected', listener: () => void): unknown;
  off?(event: 'disconnected', listener: () => void): unknown;
  process(): ProcessLike | null;
  isConnected?(): boolean;
}

export interface PageLike {
  on(event: 'close' | 'error', listener: (error?: Error) => void): unknown;
  off?(event: 'close' | 'error', listener: (error?: Error) => void): unknown;
}

/** What `sendMessage` accepts besides text: the library's own MessageMedia and Location instances. */
export type MessageContent = string | MessageMediaLike | LocationLike;

export interface SendMessageOptions {
  sendSeen?: boolean;
  quotedMessageId?: string;
  /** Fail instead of silently sending without the quote when the quoted message is unknown. */
  ignoreQuoteErrors?: boolean;
  mentions?: string[];
  caption?: string;
  sendMediaAsDocument?: boolean;
  sendAudioAsVoice?: boolean;
}

export interface ClientLike {
  info?: { wid?: WidLike; pushname?: string; platform?: string } | undefined;
  pupBrowser: BrowserLike | null;
  pupPage: PageLike | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EventEmitter's own listener type.
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  logout(): Promise<void>;
  requestPairingCode(phoneNumber: string, showNotification?: boolean, intervalMs?: number): Promise<string>;
  getState(): Promise<string | null>;
  getNumberId(number: string): Promise<WidLike | null>;
  /** Resolves undefined (or null) when the page could not build the message. */
  sendMessage(chatId: string, content: MessageContent, options?: SendMessageOptions): Promise<MessageLike | null | undefined>;
  getMessageById(messageId: string): Promise<ActionableMessageLike | null>;
  sendSeen(chatId: string): Promise<boolean>;
  getChats(): Promise<ChatLike[]>;
  getChatById(chatId: string): Promise<ChatLike | undefined>;
  getContacts(): Promise<ContactLike[]>;
  getContactById(contactId: string): Promise<ContactLike>;
}
