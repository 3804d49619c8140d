import type { Logger } from 'pino';
import type {
  Chat,
  ChatPresence,
  Contact,
  DriverEvents,
  GeoLocation,
  GroupInfo,
  MediaFile,
  Message,
  SendMediaOptions,
  SendOptions,
  StartOptions,
  WhatsAppDriver,
} from '../../driver/index.js';
import { describeError } from '../../errors.js';
import { TypedEmitter } from '../../events/typed-emitter.js';
import * as chatActions from './chat-actions.js';
import { relayClientEvents } from './client-events.js';
import type { ClientLike } from './client-like.js';
import { killBrowserProcess } from './kill-browser.js';
import { loadWwebjs } from './load-library.js';
import * as messageActions from './message-actions.js';
import { sendLocation, sendMedia, sendText } from './messaging.js';
import { toChat, toMessage } from './to-domain.js';

/** Builds a whatsapp-web.js Client (or a fake) for one lifetime, in pairing mode when a number is given. */
export type ClientBuilder = (options: { pairingPhoneNumber?: string | undefined }) => Promise<ClientLike>;

export interface WwebjsDriverOptions {
  buildClient: ClientBuilder;
  logger: Logger;
  /** Unix seconds; tests move the clock to check time limits. */
  now?: () => number;
}

/**
 * One whatsapp-web.js Client lifetime. Reports the library's events as facts; watches the browser
 * and the page, which die without any client event; never lets Chromium outlive `stop()`.
 * Per-call timeouts are applied by the session around every method.
 */
export class WwebjsDriver extends TypedEmitter<DriverEvents> implements WhatsAppDriver {
  readonly name = 'wwebjs' as const;
  readonly #buildClient: ClientBuilder;
  readonly #log: Logger;
  readonly #now: () => number;
  #client: ClientLike | null = null;
  #browserPid: number | undefined;
  #stopping = false;
  #unwatch: Array<() => void> = [];

  constructor(options: WwebjsDriverOptions) {
    super();
    this.#buildClient = options.buildClient;
    this.#log = options.logger;
    this.#now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.#client) return;
    const client = await this.#buildClient({ pairingPhoneNumber: options.pairingPhoneNumber });
    this.#client = client;
    relayClientEvents(client, this, { log: this.#log, isStopping: () => this.#stopping });
    try {
      await client.initialize();
    } finally {
      // Record the pid even when initialize failed: it is what stop() kills if destroy() cannot.
      this.#browserPid = client.pupBrowser?.process()?.pid ?? this.#browserPid;
    }
    if (this.#stopping) {
      // stop() ran while the browser was still launching: close what the launch produced.
      await this.#closeBrowser(client);
      return;
    }
    this.#watchBrowser(client);
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    return this.#require().requestPairingCode(phoneNumber, true, 180_000);
  }

  async getState(): Promise<string | null> {
    return (await this.#require().getState()) ?? null;
  }

  async lookupNumber(digits: string): Promise<string | null> {
    return chatActions.lookupNumber(this.#require(), digits);
  }

  async sendText(chatId: string, text: string, options?: SendOptions): Promise<Message> {
    return sendText(this.#require(), chatId, text, options);
  }

  async sendMedia(chatId: string, media: MediaFile, options?: SendMediaOptions): Promise<Message> {
    const client = this.#require();
    return sendMedia(client, await loadWwebjs(), chatId, media, options);
  }

  async sendLocation(chatId: string, location: GeoLocation, options?: SendOptions): Promise<Message> {
    const client = this.#require();
    return sendLocation(client, await loadWwebjs(), chatId, location, options);
  }

  async getMessage(messageId: string): Promise<Message | null> {
    return messageActions.getMessage(this.#require(), messageId);
  }

  async downloadMedia(messageId: string): Promise<MediaFile | null> {
    return messageActions.downloadMedia(this.#require(), messageId);
  }

  async react(messageId: string, reaction: string): Promise<void> {
    return messageActions.react(this.#require(), messageId, reaction);
  }

  async editMessage(messageId: string, text: string): Promise<Message> {
    return messageActions.editMessage(this.#require(), messageId, text);
  }

  async deleteMessage(messageId: string, forEveryone: boolean): Promise<void> {
    return messageActions.deleteMessage(this.#require(), messageId, forEveryone, this.#now());
  }

  async forwardMessage(messageId: string, toChatId: string): Promise<void> {
    return messageActions.forwardMessage(this.#require(), messageId, toChatId);
  }

  async markRead(chatId: string): Promise<void> {
    return chatActions.markRead(this.#require(), chatId);
  }

  async setPresence(chatId: string, presence: ChatPresence): Promise<void> {
    return chatActions.setPresence(this.#require(), chatId, presence);
  }

  async listContacts(): Promise<Contact[]> {
    return chatActions.listContacts(this.#require());
  }

  async getContact(contactId: string): Promise<Contact | null> {
    return chatActions.getContact(this.#require(), contactId);
  }

  async getGroup(chatId: string): Promise<GroupInfo | null> {
    return chatActions.getGroup(this.#require(), chatId);
  }

  async listChats(limit: number): Promise<Chat[]> {
    const chats = await this.#require().getChats();
    return chats
      .map(toChat)
      .sort((a, b) => (b.timestamp ?? 0) - (a.timestamp ?? 0))
      .slice(0, limit);
  }

  async getChat(chatId: string): Promise<Chat | null> {
    const chat = await this.#require().getChatById(chatId);
    return chat ? toChat(chat) : null;
  }

  async readMessages(chatId: string, limit: number): Promise<Message[]> {
    const chat = await this.#require().getChatById(chatId);
    if (!chat) return [];
    const messages = await chat.fetchMessages({ limit });
    return messages.map(toMessage).sort((a, b) => a.timestamp - b.timestamp);
  }

  async logout(): Promise<void> {
    const client = this.#require();
    this.#stopping = true;
    this.#stopWatching();
    try {
      await client.logout();
    } finally {
      await this.#closeBrowser(client);
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#stopWatching();
    const client = this.#client;
    if (client) await this.#closeBrowser(client);
  }

  #require(): ClientLike {
    if (!this.#client || this.#stopping) throw new Error('The WhatsApp client is not running');
    return this.#client;
  }

  /** Chromium crashes and closed pages produce no client event: watch them directly. */
  #watchBrowser(client: ClientLike): void {
    const fail = (what: string) => (error?: Error) => {
      if (this.#stopping) return;
      this.#stopWatching();
      this.emit('failure', new Error(error ? `${what}: ${describeError(error)}` : what));
    };
    const browser = client.pupBrowser;
    const page = client.pupPage;
    if (browser) {
      const onDisconnected = fail('Chromium exited or lost its connection');
      browser.on('disconnected', onDisconnected);
      this.#unwatch.push(() => browser.off?.('disconnected', onDisconnected));
    }
    if (page) {
      const onClose = fail('The WhatsApp Web page was closed');
      const onError = fail('The WhatsApp Web page crashed');
      page.on('close', onClose);
      page.on('error', onError);
      this.#unwatch.push(() => {
        page.off?.('close', onClose);
        page.off?.('error', onError);
      });
    }
  }

  #stopWatching(): void {
    for (const unwatch of this.#unwatch.splice(0)) unwatch();
  }

  /** destroy() closes Chromium gracefully so the profile stays restorable; a leftover process is killed. */
  async #closeBrowser(client: ClientLike): Promise<void> {
    this.#browserPid = client.pupBrowser?.process()?.pid ?? this.#browserPid;
    try {
      await client.destroy();
    } catch (error) {
      this.#log.warn({ err: error }, 'destroy() of the WhatsApp client failed');
    }
    client.removeAllListeners();
    if (await killBrowserProcess(this.#browserPid)) {
      this.#log.warn({ pid: this.#browserPid }, 'Chromium outlived destroy() and was killed');
    }
  }
}
