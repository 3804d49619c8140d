import type { Logger } from 'pino';
import type { Message } from '../driver/index.js';
import { describeError } from '../errors.js';
import type { EventLog, GatewayEvent } from '../events/index.js';
import { toMessageSummary } from '../operations/mappers.js';
import type { Session } from '../session/index.js';
import type { MessageStore } from './types.js';

export interface HistoryOptions {
  /** Chats looked at after each return to ready. */
  backfillChats: number;
  /** Messages read per chat when backfilling. */
  backfillMessages: number;
  /** Live events are written in batches at least this often. */
  flushEveryMs: number;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = { backfillChats: 50, backfillMessages: 50, flushEveryMs: 50 };

interface WireMessage {
  id: string;
  from: string;
  to: string;
  author: string | null;
  from_me: boolean;
  type: string;
  body: string;
  timestamp: number;
  has_media: boolean;
}

function fromWire(message: WireMessage, chatId: string): Message & { chatId: string } {
  return {
    id: message.id,
    from: message.from,
    to: message.to,
    author: message.author,
    fromMe: message.from_me,
    type: message.type,
    body: message.body,
    timestamp: message.timestamp,
    hasMedia: message.has_media,
    chatId,
  };
}

/**
 * Keeps the message store in step with WhatsApp: live events are written as they come (our own
 * sends included, so agents never miss their own replies), and after every return to ready each
 * recent chat is backfilled from the browser, publishing what arrived while disconnected once.
 * `warm` says the store has caught up and can answer reads.
 */
export class History {
  readonly store: MessageStore;
  readonly #session: Session;
  readonly #events: EventLog;
  readonly #log: Logger;
  readonly #options: HistoryOptions;
  readonly #pending: Array<Message & { chatId: string }> = [];
  readonly #offs: Array<() => void> = [];
  #timer: NodeJS.Timeout | null = null;
  #warm = false;
  #backfilling: Promise<void> | null = null;

  constructor(store: MessageStore, session: Session, events: EventLog, logger: Logger, options: HistoryOptions = DEFAULT_HISTORY_OPTIONS) {
    this.store = store;
    this.#session = session;
    this.#events = events;
    this.#log = logger;
    this.#options = options;
  }

  get warm(): boolean {
    return this.#warm;
  }

  start(): void {
    this.#offs.push(
      this.#events.subscribe((event) => this.#onEvent(event)),
      this.#session.on('state_changed', ({ to }) => {
        if (to === 'ready') void this.backfill();
        else this.#warm = false;
      }),
    );
  }

  /** Writes what is buffered now (also used before reading, so reads see every event so far). */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = this.#pending.splice(0);
    if (batch.length > 0) await this.store.upsertMessages(batch);
  }

  /** Backfills recent chats from the browser; runs once at a time. */
  backfill(): Promise<void> {
    this.#backfilling ??= this.#runBackfill().finally(() => {
      this.#backfilling = null;
    });
    return this.#backfilling;
  }

  /** Re-reads one chat from the browser; returns how many messages were fetched and how many were new. */
  async syncChat(chatId: string, limit: number): Promise<{ fetched: number; added: number }> {
    const { chat, messages } = await this.#session.call('Reading the chat for a re-sync', async (driver) => ({
      chat: await driver.getChat(chatId),
      messages: await driver.readMessages(chatId, limit),
    }));
    if (chat) await this.store.upsertChats([chat]);
    const added = await this.#storeAndAnnounce(chatId, messages);
    return { fetched: messages.length, added };
  }

  async stop(): Promise<void> {
    for (const off of this.#offs.splice(0)) off();
    await this.#backfilling?.catch(() => undefined);
    await this.flush();
  }

  #onEvent(event: GatewayEvent): void {
    const chatId = event.chat_id;
    if (!chatId) return;
    const data = event.data as { message?: WireMessage; message_id?: string; previous_body?: string };
    if ((event.type === 'message.received' || event.type === 'message.sent') && data.message) {
      this.#pending.push(fromWire(data.message, chatId));
      this.#timer ??= setTimeout(() => void this.flush().catch((error: unknown) => this.#log.error({ err: error }, 'writing messages to the store failed')), this.#options.flushEveryMs);
      this.#timer.unref?.();
    } else if (event.type === 'message.edited' && data.message) {
      void this.flush().then(() => this.store.markEdited(data.message!.id, data.message!.body, Math.floor(Date.parse(event.at) / 1000)));
    } else if (event.type === 'message.revoked' && data.message_id) {
      void this.flush().then(() => this.store.markRevoked(data.message_id!, Math.floor(Date.parse(event.at) / 1000)));
    }
  }

  async #runBackfill(): Promise<void> {
    const started = Date.now();
    try {
      const chats = await this.#session.call('Listing chats for the backfill', (driver) => driver.listChats(this.#options.backfillChats));
      await this.store.upsertChats(chats);
      let added = 0;
      for (const chat of chats) {
        const latest = await this.store.latestTimestamp(chat.id);
        if (latest !== null && chat.timestamp !== null && chat.timestamp <= latest) continue;
        const messages = await this.#session.call('Reading a chat for the backfill', (driver) => driver.readMessages(chat.id, this.#options.backfillMessages));
        added += await this.#storeAndAnnounce(chat.id, messages);
      }
      await this.flush();
      this.#warm = this.#session.state === 'ready';
      this.#log.info({ chats: chats.length, added, ms: Date.now() - started }, 'history backfilled');
    } catch (error) {
      this.#log.warn({ err: describeError(error) }, 'history backfill failed; reads stay on the browser');
    }
  }

  /** Stores messages; the incoming ones that were new are published once as missed events. */
  async #storeAndAnnounce(chatId: string, messages: readonly Message[]): Promise<number> {
    if (messages.length === 0) return 0;
    const latest = await this.store.latestTimestamp(chatId);
    const added = await this.store.upsertMessages(messages.map((message) => ({ ...message, chatId })));
    // A chat seen for the first time is an import, not news: only what is newer than the last
    // stored message was missed. The event log drops it when the live event already went out.
    if (latest === null) return added;
    for (const message of messages) {
      if (message.fromMe || message.timestamp <= latest) continue;
      this.#events.append('message.received', chatId, { message: toMessageSummary(message), backfilled: true }, `received:${message.id}`);
    }
    return added;
  }
}
