import type { Chat, ChatPresence, Contact, DriverEvents, GeoLocation, GroupInfo, MediaFile, Message } from '../../driver/index.js';
import type { SendMediaOptions, SendOptions, StartOptions, WhatsAppDriver } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import { TypedEmitter } from '../../events/typed-emitter.js';
import type { SandboxContext } from './sandbox-context.js';
import { isOnSandboxWhatsApp } from './sandbox-directory.js';
import { newPairingCode, newQr } from './sandbox-link-codes.js';
import { SandboxMessageActions } from './sandbox-message-actions.js';
import { SandboxOutbox } from './sandbox-outbox.js';
import type { SandboxWorld } from './sandbox-world.js';

export interface SandboxDriverOptions {
  /** Delay before the simulated phone scans the QR or enters the pairing code. */
  linkDelayMs: number;
  /** Delay before a one-to-one contact echoes a message back. */
  echoDelayMs?: number;
}

/**
 * A WhatsApp client lifetime against the in-memory SandboxWorld. This class owns the lifecycle
 * and the test knobs; sending lives in SandboxOutbox, actions on messages in SandboxMessageActions.
 */
export class SandboxDriver extends TypedEmitter<DriverEvents> implements WhatsAppDriver {
  readonly name = 'sandbox' as const;
  readonly #world: SandboxWorld;
  readonly #options: SandboxDriverOptions;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #outbox: SandboxOutbox;
  readonly #actions: SandboxMessageActions;
  #running = false;
  #ready = false;

  constructor(world: SandboxWorld, options: SandboxDriverOptions) {
    super();
    this.#world = world;
    this.#options = options;
    const context: SandboxContext = {
      world,
      emit: this.emit.bind(this),
      later: (ms, action) => this.#later(ms, action),
      receive: (chatId, body) => void this.receive(chatId, body),
    };
    this.#outbox = new SandboxOutbox(context, options.echoDelayMs ?? 300);
    this.#actions = new SandboxMessageActions(context);
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    if (this.#world.linked) {
      this.#later(10, () => this.#becomeReady());
      return;
    }
    // Like whatsapp-web.js, start resolves once the first QR or pairing code has been shown.
    this.#later(this.#options.linkDelayMs, () => this.#link());
    if (options.pairingPhoneNumber) {
      this.emit('pairing_code', newPairingCode());
    } else {
      this.emit('qr', newQr());
    }
  }

  async requestPairingCode(_phoneNumber: string): Promise<string> {
    this.#assertRunning();
    const code = newPairingCode();
    this.#later(0, () => this.emit('pairing_code', code));
    return code;
  }

  async getState(): Promise<string | null> {
    if (!this.#running) return null;
    return this.#ready ? 'CONNECTED' : 'UNPAIRED';
  }

  async lookupNumber(digits: string): Promise<string | null> {
    this.#assertReady();
    return isOnSandboxWhatsApp(digits) ? `${digits}@c.us` : null;
  }

  async sendText(chatId: string, text: string, options?: SendOptions): Promise<Message> {
    this.#assertReady();
    return this.#outbox.sendText(chatId, text, options);
  }

  async sendMedia(chatId: string, media: MediaFile, options?: SendMediaOptions): Promise<Message> {
    this.#assertReady();
    return this.#outbox.sendMedia(chatId, media, options);
  }

  async sendLocation(chatId: string, location: GeoLocation, options?: SendOptions): Promise<Message> {
    this.#assertReady();
    return this.#outbox.sendLocation(chatId, location, options);
  }

  async forwardMessage(messageId: string, toChatId: string): Promise<void> {
    this.#assertReady();
    this.#outbox.forward(messageId, toChatId);
  }

  async getMessage(messageId: string): Promise<Message | null> {
    this.#assertReady();
    return this.#actions.getMessage(messageId);
  }

  async downloadMedia(messageId: string): Promise<MediaFile | null> {
    this.#assertReady();
    return this.#actions.downloadMedia(messageId);
  }

  async react(messageId: string, reaction: string): Promise<void> {
    this.#assertReady();
    this.#actions.react(messageId, reaction);
  }

  async editMessage(messageId: string, text: string): Promise<Message> {
    this.#assertReady();
    return this.#actions.editMessage(messageId, text);
  }

  async deleteMessage(messageId: string, forEveryone: boolean): Promise<void> {
    this.#assertReady();
    this.#actions.deleteMessage(messageId, forEveryone);
  }

  async markRead(chatId: string): Promise<void> {
    this.#assertReady();
    this.#actions.markRead(chatId);
  }

  async setPresence(chatId: string, presence: ChatPresence): Promise<void> {
    this.#assertReady();
    this.#actions.setPresence(chatId, presence);
  }

  async listContacts(): Promise<Contact[]> {
    this.#assertReady();
    return this.#world.directory.contacts(this.#world.chatIds());
  }

  async getContact(contactId: string): Promise<Contact | null> {
    this.#assertReady();
    return this.#world.directory.contact(contactId, this.#world.chatIds());
  }

  async getGroup(chatId: string): Promise<GroupInfo | null> {
    this.#assertReady();
    return this.#world.directory.group(chatId);
  }

  async listChats(limit: number): Promise<Chat[]> {
    this.#assertReady();
    return this.#world.listChats(limit);
  }

  async getChat(chatId: string): Promise<Chat | null> {
    this.#assertReady();
    return this.#world.getChat(chatId);
  }

  async readMessages(chatId: string, limit: number): Promise<Message[]> {
    this.#assertReady();
    return this.#world.readMessages(chatId, limit);
  }

  async logout(): Promise<void> {
    this.#world.linked = false;
    await this.stop();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#ready = false;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Test and demo knob: a message from `chatId` (by `author` in a group) arrives and counts as unread. */
  receive(chatId: string, body: string, author: string | null = null): Message | null {
    if (!this.#ready) return null;
    const message = this.#world.addMessage(chatId, { fromMe: false, body, author });
    this.emit('message', structuredClone(message));
    this.emit('chat_unread', { chatId, unreadCount: this.#world.getChat(chatId)?.unreadCount ?? 0 });
    return message;
  }

  /** Test knob: someone reacts to a message (an empty reaction removes it). */
  receiveReaction(messageId: string, chatId: string, senderId: string, reaction: string): void {
    this.#world.setReaction(messageId, senderId, reaction);
    this.emit('message_reaction', { messageId, chatId, senderId, reaction, timestamp: this.#world.nowSeconds() });
  }

  /** Test and demo knob: the phone scans the QR (or enters the code) now. */
  linkNow(): void {
    this.#link();
  }

  /** Test knob: the phone unlinks this device, as WhatsApp's `LOGOUT`. */
  phoneLogout(): void {
    this.#world.linked = false;
    this.#ready = false;
    this.emit('disconnected', 'LOGOUT');
    this.#later(10, () => this.emit('qr', newQr()));
  }

  /** Test knob: the browser dies under the client. */
  crash(): void {
    void this.stop();
    this.emit('failure', new Error('Sandbox browser crashed'));
  }

  #link(): void {
    if (!this.#running) return;
    this.#world.linked = true;
    this.#becomeReady();
  }

  #becomeReady(): void {
    if (!this.#running) return;
    this.emit('authenticated');
    this.#ready = true;
    this.emit('ready', { ...this.#world.account });
  }

  #later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }

  #assertRunning(): void {
    if (!this.#running) throw new GatewayError('browser_unavailable', 'The sandbox client is not running; start the session first.');
  }

  #assertReady(): void {
    this.#assertRunning();
    if (!this.#ready) throw new GatewayError('session_not_ready', 'The sandbox session is not linked yet.');
  }
}
