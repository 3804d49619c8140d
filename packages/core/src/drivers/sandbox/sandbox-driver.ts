import { randomBytes } from 'node:crypto';
import type { Chat, DriverEvents, Message, StartOptions, WhatsAppDriver } from '../../driver/index.js';
import { GatewayError } from '../../errors.js';
import { TypedEmitter } from '../../events/typed-emitter.js';
import type { SandboxWorld } from './sandbox-world.js';

export interface SandboxDriverOptions {
  /** Delay before the simulated phone scans the QR or enters the pairing code. */
  linkDelayMs: number;
  /** Delay before a one-to-one contact echoes a message back. */
  echoDelayMs?: number;
}

const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTVWXYZ23456789';

/** A WhatsApp client lifetime against the in-memory SandboxWorld. */
export class SandboxDriver extends TypedEmitter<DriverEvents> implements WhatsAppDriver {
  readonly name = 'sandbox' as const;
  readonly #world: SandboxWorld;
  readonly #options: SandboxDriverOptions;
  readonly #timers = new Set<NodeJS.Timeout>();
  #running = false;
  #ready = false;

  constructor(world: SandboxWorld, options: SandboxDriverOptions) {
    super();
    this.#world = world;
    this.#options = options;
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

  async sendText(chatId: string, text: string): Promise<Message> {
    this.#assertReady();
    if (chatId.endsWith('@g.us') && !this.#world.hasChat(chatId)) {
      throw new GatewayError('chat_not_found', `No group with id ${chatId} exists in this account.`);
    }
    const message = this.#world.addMessage(chatId, { fromMe: true, body: text });
    this.#later(0, () => this.emit('message_sent', { ...message }));
    // Delivery progress as WhatsApp reports it: server, then device, then read when the echo comes.
    this.#later(20, () => this.emit('message_ack', { messageId: message.id, chatId, ack: 1 }));
    this.#later(40, () => this.emit('message_ack', { messageId: message.id, chatId, ack: 2 }));
    if (chatId.endsWith('@c.us')) {
      const echoDelay = this.#options.echoDelayMs ?? 300;
      this.#later(echoDelay, () => {
        this.emit('message_ack', { messageId: message.id, chatId, ack: 3 });
        this.receive(chatId, `Echo: ${text}`);
      });
    }
    return { ...message };
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

  /** Test and demo knob: a message from `chatId` arrives. */
  receive(chatId: string, body: string): Message | null {
    if (!this.#ready) return null;
    const message = this.#world.addMessage(chatId, { fromMe: false, body });
    this.emit('message', { ...message });
    return message;
  }

  /** Test knob: someone reacts to a message (an empty reaction removes it). */
  react(messageId: string, chatId: string, senderId: string, reaction: string): void {
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

function newQr(): string {
  return `2@sandbox-${randomBytes(24).toString('base64url')}`;
}

function newPairingCode(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => PAIRING_ALPHABET[b % PAIRING_ALPHABET.length]).join('');
}
