import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type {
  ActionableMessageLike,
  BrowserLike,
  ChatLike,
  ClientLike,
  ContactLike,
  LocationLike,
  MessageContent,
  MessageMediaLike,
  MessageLike,
  PageLike,
  SendMessageOptions,
  WidLike,
} from '../../src/drivers/wwebjs/client-like.js';

// Payloads are built with the library's own structure classes, so the driver's mapping is tested
// against the real field names (`t` becomes `timestamp`, `directPath` becomes `hasMedia`, ...).
const require = createRequire(import.meta.url);
type Data = Record<string, unknown>;
const wwebjs = require('whatsapp-web.js') as {
  Message: new (client: unknown, data: Data) => ActionableMessageLike;
  PrivateChat: new (client: unknown, data: Data) => ChatLike;
  GroupChat: new (client: unknown, data: Data) => ChatLike;
  PrivateContact: new (client: unknown, data: Data) => ContactLike;
  MessageMedia: new (mimetype: string, data: string, filename?: string | null, filesize?: number | null) => MessageMediaLike;
  Location: new (latitude: number, longitude: number, options?: { name?: string; address?: string }) => LocationLike;
};

export const FAKE_ME = '15550001111@c.us';
export const FAKE_BOB = '15550002222@c.us';
export const FAKE_CAROL = '15550003333@c.us';
export const FAKE_GROUP = '120363000000000009@g.us';
/** On WhatsApp, not in any chat. */
export const FAKE_NEW_NUMBER = '15550004444';
/** The fake's clock: messages it sends are this recent; seeded ones are months older. */
export const FAKE_NOW = 1_800_000_000;

const wid = (id: string): WidLike & { server: string; user: string } => ({ _serialized: id, server: id.split('@')[1]!, user: id.split('@')[0]! });

/** A stand-in for Chromium: a real child process, so "no browser left running" is checkable. */
class FakeBrowser extends EventEmitter implements BrowserLike {
  readonly child: ChildProcess;
  constructor() {
    super();
    this.child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  }
  process() {
    return { pid: this.child.pid };
  }
  isConnected() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
  kill() {
    this.child.kill('SIGKILL');
  }
}

class FakePage extends EventEmitter implements PageLike {}

export interface FakeClientScript {
  /** A saved session exists: restore without QR. */
  linked?: boolean;
  /** initialize() rejects with this after launching the "browser" (WhatsApp Web unreachable). */
  initializeError?: Error;
  /** destroy() forgets to close the browser (as when the page hangs): the driver must kill it. */
  destroyLeavesBrowser?: boolean;
  /** Every page call hangs forever, as after a renderer crash. */
  hangCalls?: boolean;
  pairingPhoneNumber?: string | undefined;
}

interface ChatEntry {
  data: Data;
  messages: Data[];
}

/**
 * Scripts the real library's observable quirks: `ready` fires twice, `auth_failure` never fires,
 * `LOGOUT` is followed by a new `qr` on the same client, a dead browser makes every call fail with
 * "detached Frame", a crashed renderer makes calls hang, `edit` resolves null when not allowed.
 */
export class FakeWwebjsClient extends EventEmitter implements ClientLike {
  info: ClientLike['info'];
  pupBrowser: FakeBrowser | null = null;
  pupPage: FakePage | null = null;
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  /** Media bytes (base64) by message id, as WhatsApp's servers hold them. */
  readonly mediaStore = new Map<string, string>();
  destroyed = 0;
  readonly #script: FakeClientScript;
  #browserDead = false;
  #chats = new Map<string, ChatEntry>();
  #contacts: Data[] = [
    { id: wid(FAKE_ME), userid: '15550001111', pushname: 'Fake Account', isUser: true, isMe: true, isWAContact: true },
    { id: wid(FAKE_BOB), userid: '15550002222', name: 'Bob Example', pushname: 'Bob', isUser: true, isWAContact: true, isMyContact: true },
    { id: wid(FAKE_CAROL), userid: '15550003333', pushname: 'Carol', isUser: true, isWAContact: true, isBusiness: true },
    { id: wid(FAKE_GROUP), userid: '120363000000000009', name: 'Fake Group', isGroup: true },
  ];
  #counter = 0;

  constructor(script: FakeClientScript = {}) {
    super();
    this.#script = script;
    this.#addChat(FAKE_BOB, 'Bob', [{ fromMe: false, body: 'hello there', t: 1_700_000_000 }]);
    this.#addChat(FAKE_GROUP, 'Fake Group', [{ fromMe: false, body: 'group news', t: 1_700_000_100, author: FAKE_CAROL }], {
      owner: wid(FAKE_ME), creation: 1_690_000_000, desc: 'Plans and news',
      participants: [
        { id: wid(FAKE_ME), isAdmin: true, isSuperAdmin: true },
        { id: wid(FAKE_BOB), isAdmin: true, isSuperAdmin: false },
        { id: wid(FAKE_CAROL), isAdmin: false, isSuperAdmin: false },
      ],
    });
  }

  async initialize(): Promise<void> {
    this.pupBrowser = new FakeBrowser();
    this.pupPage = new FakePage();
    if (this.#script.initializeError) throw this.#script.initializeError;
    if (this.#script.linked) {
      setTimeout(() => this.#becomeReady(), 5);
    } else if (this.#script.pairingPhoneNumber) {
      this.emit('code', 'FAKE1234');
    } else {
      this.emit('qr', '2@fake-qr-1');
    }
  }

  /** The phone scans: authenticated, then ready twice (page re-inject). */
  scan(): void {
    this.#script.linked = true;
    this.#becomeReady();
    setTimeout(() => this.#becomeReady(), 5);
  }

  /** The phone unlinks this device: LOGOUT, and the same client shows a new QR. */
  phoneLogout(): void {
    this.#script.linked = false;
    this.emit('disconnected', 'LOGOUT');
    setTimeout(() => this.emit('qr', '2@fake-qr-after-logout'), 5);
  }

  /** Chromium dies: no client event, only the browser's own `disconnected`. */
  crashBrowser(): void {
    this.#browserDead = true;
    this.pupBrowser?.kill();
    this.pupBrowser?.emit('disconnected');
  }

  /** Someone writes to this account: `message` and `message_create`, then the unread counter. */
  receive(chatId: string, init: { body?: string; author?: string; extra?: Data } = {}): ActionableMessageLike {
    const chat = this.#chats.get(chatId)!;
    const data = this.#messageData(chatId, { fromMe: false, body: init.body ?? '', t: FAKE_NOW + this.#counter, author: init.author, extra: init.extra });
    chat.messages.push(data);
    const message = this.#message(data);
    this.emit('message', message);
    this.emit('message_create', message);
    chat.data['unreadCount'] = Number(chat.data['unreadCount'] ?? 0) + 1;
    this.emit('unread_count', this.#chatStructure(chatId));
    return message;
  }

  async destroy(): Promise<void> {
    this.destroyed += 1;
    if (!this.#script.destroyLeavesBrowser) this.pupBrowser?.kill();
  }

  async logout(): Promise<void> {
    this.#record('logout', []);
    this.#script.linked = false;
    this.pupBrowser?.kill();
  }

  async requestPairingCode(phoneNumber: string, showNotification?: boolean, intervalMs?: number): Promise<string> {
    await this.#page('requestPairingCode', [phoneNumber, showNotification, intervalMs]);
    return 'PAIR5678';
  }

  async getState(): Promise<string | null> {
    await this.#page('getState', []);
    return this.#script.linked ? 'CONNECTED' : 'UNPAIRED';
  }

  async getNumberId(number: string): Promise<WidLike | null> {
    await this.#page('getNumberId', [number]);
    const id = `${number}@c.us`;
    return this.#chats.has(id) || number === FAKE_NEW_NUMBER ? wid(id) : null;
  }

  async sendMessage(chatId: string, content: MessageContent, options: SendMessageOptions = {}): Promise<MessageLike> {
    await this.#page('sendMessage', [chatId, content, options]);
    const chat = this.#chats.get(chatId) ?? this.#addChat(chatId, '', []);
    const extra: Data = { ...this.#quote(options), ...(options.mentions ? { mentionedJidList: options.mentions.map(wid) } : {}) };
    let body = typeof content === 'string' ? content : '';
    if (content instanceof wwebjs.MessageMedia) {
      const inline = !options.sendMediaAsDocument && /^(image|video|audio)\//.test(content.mimetype);
      Object.assign(extra, {
        type: inline ? content.mimetype.split('/')[0] : 'document', directPath: `/v/fake/${this.#counter}`,
        mimetype: content.mimetype, filename: content.filename ?? undefined, size: content.filesize ?? undefined, caption: options.caption,
      });
      body = '';
    } else if (content instanceof wwebjs.Location) {
      Object.assign(extra, { type: 'location', lat: content.latitude, lng: content.longitude, loc: [content.name, content.address].filter(Boolean).join('\n') });
    }
    const data = this.#messageData(chatId, { fromMe: true, body, t: FAKE_NOW + this.#counter, extra });
    if (content instanceof wwebjs.MessageMedia) this.mediaStore.set(String((data['id'] as WidLike)._serialized), content.data);
    chat.messages.push(data);
    return this.#message(data);
  }

  async getMessageById(messageId: string): Promise<ActionableMessageLike | null> {
    await this.#page('getMessageById', [messageId]);
    const data = this.#find(messageId);
    return data ? this.#message(data) : null;
  }

  async sendSeen(chatId: string): Promise<boolean> {
    await this.#page('sendSeen', [chatId]);
    const chat = this.#chats.get(chatId);
    if (!chat) return false;
    chat.data['unreadCount'] = 0;
    this.emit('unread_count', this.#chatStructure(chatId));
    return true;
  }

  async getChats(): Promise<ChatLike[]> {
    await this.#page('getChats', []);
    return [...this.#chats.keys()].map((id) => this.#chatStructure(id));
  }

  async getChatById(chatId: string): Promise<ChatLike | undefined> {
    await this.#page('getChatById', [chatId]);
    return this.#chats.has(chatId) ? this.#chatStructure(chatId) : undefined;
  }

  async getContacts(): Promise<ContactLike[]> {
    await this.#page('getContacts', []);
    return this.#contacts.map((data) => new wwebjs.PrivateContact(this, data));
  }

  /** Like WhatsApp Web, makes up a contact for an id it has never seen. */
  async getContactById(contactId: string): Promise<ContactLike> {
    await this.#page('getContactById', [contactId]);
    const data = this.#contacts.find((c) => (c['id'] as WidLike)._serialized === contactId);
    return new wwebjs.PrivateContact(this, data ?? { id: wid(contactId), userid: contactId.split('@')[0], isUser: true });
  }

  #becomeReady(): void {
    this.info = { wid: { _serialized: FAKE_ME }, pushname: 'Fake Account', platform: 'android' };
    this.emit('authenticated');
    this.emit('ready');
  }

  async #page(method: string, args: unknown[]): Promise<void> {
    this.#record(method, args);
    if (this.#script.hangCalls) await new Promise(() => {});
    if (this.#browserDead) throw new Error('Attempted to use detached Frame \'main\'.');
  }

  #record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
  }

  #find(messageId: string): Data | undefined {
    for (const chat of this.#chats.values()) {
      const found = chat.messages.find((m) => (m['id'] as WidLike)._serialized === messageId);
      if (found) return found;
    }
    return undefined;
  }

  /** What the page adds to a reply (WWebJS.sendMessage's quotedMsgOptions). */
  #quote(options: SendMessageOptions): Data {
    if (!options.quotedMessageId) return {};
    const quoted = this.#find(options.quotedMessageId);
    if (!quoted) {
      if (options.ignoreQuoteErrors === false) throw new Error('Could not get the quoted message.');
      return {};
    }
    const id = quoted['id'] as { id: string; fromMe: boolean };
    const author = (quoted['author'] as string | undefined) ?? (id.fromMe ? FAKE_ME : (quoted['from'] as string));
    return { quotedMsg: { type: quoted['type'], body: quoted['body'] }, quotedStanzaID: id.id, quotedParticipant: wid(author) };
  }

  /** The library's Message structure, its page-calling methods scripted over this fake's data. */
  #message(data: Data): ActionableMessageLike {
    const message = new wwebjs.Message(this, data);
    const id = message.id._serialized;
    message.downloadMedia = async () => {
      await this.#page('downloadMedia', [id]);
      const bytes = this.mediaStore.get(id);
      return bytes === undefined ? undefined : new wwebjs.MessageMedia(String(data['mimetype']), bytes, data['filename'] as string | undefined, data['size'] as number | undefined);
    };
    message.react = async (reaction: string) => this.#page('react', [id, reaction]);
    message.forward = async (chatId: string) => {
      await this.#page('forward', [id, chatId]);
      await this.sendMessage(chatId, String(data['body']), { sendSeen: false });
    };
    message.edit = async (content: string) => {
      await this.#page('edit', [id, content]);
      if (!message.fromMe || Number(data['t']) < FAKE_NOW - 15 * 60) return null;
      data['body'] = content;
      return this.#message(data);
    };
    message.delete = async (everyone?: boolean) => {
      await this.#page('delete', [id, everyone]);
      if (!everyone) {
        for (const chat of this.#chats.values()) chat.messages = chat.messages.filter((m) => m !== data);
        return;
      }
      Object.assign(data, { type: 'revoked', body: '' });
      this.emit('message_revoke_everyone', this.#message(data), message);
    };
    return message;
  }

  #messageData(chatId: string, init: { fromMe: boolean; body: string; t: number; author?: string | undefined; extra?: Data }): Data {
    this.#counter += 1;
    const id = `3EB0FAKE${this.#counter}`;
    const participant = chatId.endsWith('@g.us') ? `_${init.fromMe ? FAKE_ME : init.author}` : '';
    return {
      id: { fromMe: init.fromMe, remote: chatId, id, _serialized: `${init.fromMe}_${chatId}_${id}${participant}` },
      body: init.body,
      type: 'chat',
      t: init.t,
      from: init.fromMe ? FAKE_ME : chatId,
      to: init.fromMe ? chatId : FAKE_ME,
      author: init.author,
      ack: 1,
      ...init.extra,
    };
  }

  #addChat(id: string, name: string, seed: Array<{ fromMe: boolean; body: string; t: number; author?: string }>, groupMetadata?: Data): ChatEntry {
    const entry: ChatEntry = {
      data: { id: wid(id), formattedTitle: name, isGroup: Boolean(groupMetadata), groupMetadata, unreadCount: 1, archive: false, isReadOnly: false, isMuted: false },
      messages: [],
    };
    this.#chats.set(id, entry);
    entry.messages = seed.map((m) => this.#messageData(id, m));
    return entry;
  }

  #chatStructure(id: string): ChatLike {
    const entry = this.#chats.get(id)!;
    const last = entry.messages.at(-1);
    const Structure = entry.data['isGroup'] ? wwebjs.GroupChat : wwebjs.PrivateChat;
    const chat = new Structure(this, { ...entry.data, t: last?.['t'], lastMessage: last });
    chat.fetchMessages = async ({ limit }) => {
      await this.#page('fetchMessages', [id, limit]);
      return entry.messages.slice(-limit).map((data) => this.#message(data));
    };
    chat.sendStateTyping = () => this.#page('chatState', [id, 'typing']);
    chat.sendStateRecording = () => this.#page('chatState', [id, 'recording']);
    chat.clearState = () => this.#page('chatState', [id, 'stop']);
    return chat;
  }
}
