/**
 * The part of whatsapp-web.js's Client (1.34.7) the driver uses, as a structural type. The real
 * Client satisfies it; tests substitute a scripted fake with the same method names and events.
 */
export interface WidLike {
  _serialized: string;
}

export interface MessageLike {
  id: { _serialized: string; fromMe?: boolean };
  from: string;
  to: string;
  author?: string | null | undefined;
  fromMe: boolean;
  type: string;
  body: string;
  timestamp: number;
  hasMedia: boolean;
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
  sendMessage(chatId: string, content: string, options?: { sendSeen?: boolean }): Promise<MessageLike>;
  getChats(): Promise<ChatLike[]>;
  getChatById(chatId: string): Promise<ChatLike | undefined>;
}
