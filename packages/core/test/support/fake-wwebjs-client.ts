import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { BrowserLike, ChatLike, ClientLike, MessageLike, PageLike } from '../../src/drivers/wwebjs/client-like.js';

// Payloads are built with the library's own structure classes, so the driver's mapping is tested
// against the real field names (`t` becomes `timestamp`, `directPath` becomes `hasMedia`, ...).
const require = createRequire(import.meta.url);
const wwebjs = require('whatsapp-web.js') as {
  Message: new (client: unknown, data: Record<string, unknown>) => MessageLike;
  PrivateChat: new (client: unknown, data: Record<string, unknown>) => ChatLike;
  GroupChat: new (client: unknown, data: Record<string, unknown>) => ChatLike;
};

export const FAKE_ME = '15550001111@c.us';

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

/**
 * Scripts the real library's observable quirks: `ready` fires twice, `auth_failure` never fires,
 * `LOGOUT` is followed by a new `qr` on the same client, a dead browser makes every call fail with
 * "detached Frame", a crashed renderer makes calls hang.
 */
export class FakeWwebjsClient extends EventEmitter implements ClientLike {
  info: ClientLike['info'];
  pupBrowser: FakeBrowser | null = null;
  pupPage: FakePage | null = null;
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  destroyed = 0;
  readonly #script: FakeClientScript;
  #browserDead = false;
  #chats = new Map<string, { data: Record<string, unknown>; messages: Record<string, unknown>[] }>();
  #counter = 0;

  constructor(script: FakeClientScript = {}) {
    super();
    this.#script = script;
    this.#addChat('15550002222@c.us', 'Bob', false, [{ fromMe: false, body: 'hello there', t: 1_700_000_000 }]);
    this.#addChat('120363000000000009@g.us', 'Fake Group', true, [{ fromMe: false, body: 'group news', t: 1_700_000_100, author: '15550003333@c.us' }]);
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

  async sendMessage(chatId: string, content: string, options?: { sendSeen?: boolean }): Promise<MessageLike> {
    await this.#page('sendMessage', [chatId, content, options]);
    const chat = this.#chats.get(chatId) ?? this.#addChat(chatId, '', false, []);
    const data = this.#messageData(chatId, { fromMe: true, body: content, t: 1_800_000_000 + this.#counter });
    chat.messages.push(data);
    return new wwebjs.Message(this, data);
  }

  async getChats(): Promise<ChatLike[]> {
    await this.#page('getChats', []);
    return [...this.#chats.keys()].map((id) => this.#chatStructure(id));
  }

  async getChatById(chatId: string): Promise<ChatLike | undefined> {
    await this.#page('getChatById', [chatId]);
    return this.#chats.has(chatId) ? this.#chatStructure(chatId) : undefined;
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

  #messageData(chatId: string, init: { fromMe: boolean; body: string; t: number; author?: string }): Record<string, unknown> {
    this.#counter += 1;
    const id = `3EB0FAKE${this.#counter}`;
    return {
      id: { fromMe: init.fromMe, remote: chatId, id, _serialized: `${init.fromMe}_${chatId}_${id}` },
      body: init.body,
      type: 'chat',
      t: init.t,
      from: init.fromMe ? FAKE_ME : chatId,
      to: init.fromMe ? chatId : FAKE_ME,
      author: init.author,
      ack: 1,
    };
  }

  #addChat(id: string, name: string, isGroup: boolean, seed: Array<{ fromMe: boolean; body: string; t: number; author?: string }>) {
    const entry = {
      data: { id: { _serialized: id, server: id.split('@')[1], user: id.split('@')[0] }, formattedTitle: name, isGroup, unreadCount: 1, archive: false, isReadOnly: false, isMuted: false },
      messages: seed.map((m) => this.#messageData(id, m)),
    };
    this.#chats.set(id, entry);
    return entry;
  }

  #chatStructure(id: string): ChatLike {
    const entry = this.#chats.get(id)!;
    const last = entry.messages.at(-1);
    const Structure = entry.data['isGroup'] ? wwebjs.GroupChat : wwebjs.PrivateChat;
    const chat = new Structure(this, { ...entry.data, t: last?.['t'], lastMessage: last });
    chat.fetchMessages = async ({ limit }) => {
      await this.#page('fetchMessages', [id, limit]);
      return entry.messages.slice(-limit).map((data) => new wwebjs.Message(this, data));
    };
    return chat;
  }
}
