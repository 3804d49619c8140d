import type { Logger } from 'pino';
import type { Chat, DriverEvents, Message, StartOptions, WhatsAppDriver } from '../../driver/index.js';
import { describeError } from '../../errors.js';
import { TypedEmitter } from '../../events/typed-emitter.js';
import type { ClientLike, MessageLike } from './client-like.js';
import { killBrowserProcess } from './kill-browser.js';
import { chatOf } from '../../driver/index.js';
import { toChat, toMessage, toReaction, type ReactionLike } from './to-domain.js';

/** Builds a whatsapp-web.js Client (or a fake) for one lifetime, in pairing mode when a number is given. */
export type ClientBuilder = (options: { pairingPhoneNumber?: string | undefined }) => Promise<ClientLike>;

export interface WwebjsDriverOptions {
  buildClient: ClientBuilder;
  logger: Logger;
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
  #client: ClientLike | null = null;
  #browserPid: number | undefined;
  #stopping = false;
  #unwatch: Array<() => void> = [];

  constructor(options: WwebjsDriverOptions) {
    super();
    this.#buildClient = options.buildClient;
    this.#log = options.logger;
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.#client) return;
    const client = await this.#buildClient({ pairingPhoneNumber: options.pairingPhoneNumber });
    this.#client = client;
    this.#listen(client);
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

  async sendText(chatId: string, text: string): Promise<Message> {
    // sendSeen defaults to true and marks the chat read first; a WhatsApp change to that path
    // once broke every send. Marking read is its own, explicit operation.
    const message = await this.#require().sendMessage(chatId, text, { sendSeen: false });
    return toMessage(message);
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

  #listen(client: ClientLike): void {
    client.on('qr', (qr: string) => this.emit('qr', String(qr)));
    client.on('code', (code: string) => this.emit('pairing_code', String(code)));
    client.on('authenticated', () => this.emit('authenticated'));
    client.on('ready', () => {
      const info = client.info;
      this.emit('ready', {
        wid: info?.wid?._serialized ?? '',
        pushname: info?.pushname ?? null,
        platform: info?.platform ?? null,
      });
    });
    client.on('auth_failure', (message: unknown) => this.emit('failure', new Error(`Authentication failed: ${String(message)}`)));
    client.on('disconnected', (reason: unknown) => {
      if (!this.#stopping) this.emit('disconnected', String(reason));
    });
    // Listener exceptions stay here: a malformed payload must not reach the library's emitter.
    const relay = <A extends unknown[]>(what: string, handler: (...args: A) => void) => (...args: A) => {
      try {
        handler(...args);
      } catch (error) {
        this.#log.warn({ err: error, event: what }, 'a WhatsApp event could not be read');
      }
    };
    client.on('message', relay('message', (message: MessageLike) => this.emit('message', toMessage(message))));
    client.on('message_create', relay('message_create', (message: MessageLike) => {
      if (message.fromMe) this.emit('message_sent', toMessage(message));
    }));
    client.on('message_ack', relay('message_ack', (message: MessageLike, ack: number) => {
      this.emit('message_ack', { messageId: message.id._serialized, chatId: chatOf(message), ack: Number(ack) });
    }));
    client.on('message_revoke_everyone', relay('message_revoke_everyone', (message: MessageLike, revoked?: MessageLike) => {
      this.emit('message_revoked', { messageId: (revoked ?? message).id._serialized, chatId: chatOf(message) });
    }));
    client.on('message_edit', relay('message_edit', (message: MessageLike, newBody: string, previousBody: string) => {
      this.emit('message_edited', { message: { ...toMessage(message), body: String(newBody ?? message.body) }, previousBody: String(previousBody ?? '') });
    }));
    client.on('message_reaction', relay('message_reaction', (reaction: ReactionLike) => {
      this.emit('message_reaction', toReaction(reaction));
    }));
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
