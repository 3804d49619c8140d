import type { Logger } from 'pino';
import type { Message } from '../driver/index.js';
import { describeError } from '../errors.js';
import type { EventLog, GatewayEvent } from '../events/index.js';
import { toMessageSummary } from '../operations/mappers.js';
import type { MessageSummary } from '../operations/schemas.js';
import type { Session } from '../session/index.js';
import { chatsBehind } from './chats-behind.js';
import { fromWire } from './from-wire.js';
import type { MessageStore } from './types.js';

/**
 * How much a backfill does. After each return to ready it lists chats once (`listChats`, most
 * recent activity first), then reads the chats behind the store in passes of at most
 * `chatsPerPass`, `backfillMessages` messages each, pausing `passPauseMs` between passes so
 * requests get the browser too. So one return to ready costs at most one listing plus
 * `listChats` reads, spread over passes; chats beyond `listChats` wait for `sync_chat`.
 */
export interface HistoryOptions {
  /** Chats listed from the browser per backfill, most recent activity first. */
  listChats: number;
  /** Chats read per pass at most. */
  chatsPerPass: number;
  /** Messages read per chat when backfilling. */
  backfillMessages: number;
  /** Pause between two passes of one backfill. */
  passPauseMs: number;
  /** Live events are written in batches at least this often. */
  flushEveryMs: number;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = { listChats: 1000, chatsPerPass: 100, backfillMessages: 50, passPauseMs: 1000, flushEveryMs: 50 };

/**
 * Keeps the message store in step with WhatsApp: live events are written as they come (our own
 * sends included, so agents never miss their own replies), and after every return to ready every
 * chat behind the store is backfilled from the browser, publishing what arrived while
 * disconnected once; contacts are refreshed too. `warm` says the store has caught up and can
 * answer reads; `isCaughtUp` says so for one chat.
 */
export class History {
  readonly store: MessageStore;
  readonly #session: Session;
  readonly #events: EventLog;
  readonly #log: Logger;
  readonly #options: HistoryOptions;
  readonly #pending: Array<Message & { chatId: string }> = [];
  readonly #offs: Array<() => void> = [];
  /** Chats the current backfill found behind and has not read yet. */
  #behind = new Set<string>();
  /**
   * Newest stored timestamp per chat when the backfill began, taken before any live event of the
   * new connection is written: what is newer (same second included) and new was missed. Kept
   * until a backfill completes, so one cut short by a disconnect leaves it for the next.
   */
  #latestAtStart: Map<string, number> | null = null;
  #timer: NodeJS.Timeout | null = null;
  #warm = false;
  #contactsWarm = false;
  #backfilling: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #wake: (() => void) | null = null;

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

  /** True once contacts were stored since the process started (refreshed at every return to ready). */
  get contactsWarm(): boolean {
    return this.#contactsWarm;
  }

  /** Warm, and this chat is not waiting for a later backfill pass: the store can answer for it. */
  isCaughtUp(chatId: string): boolean {
    return this.#warm && !this.#behind.has(chatId);
  }

  start(): void {
    this.#offs.push(
      this.#events.subscribe((event) => this.#onEvent(event)),
      this.#session.on('state_changed', ({ to }) => {
        if (to === 'ready') void this.backfill();
        else this.#warm = false;
      }),
      this.#session.on('chat_unread', ({ chatId, unreadCount }) => {
        this.store.setUnreadCount(chatId, unreadCount).catch((error: unknown) => this.#log.warn({ err: error }, 'storing an unread count failed'));
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

  /** Backfills every chat behind the store; one at a time (asked again meanwhile, it runs once more after). */
  backfill(): Promise<void> {
    if (this.#backfilling) {
      this.#again = true;
      this.#wake?.();
      return this.#backfilling;
    }
    this.#backfilling = (async () => {
      do {
        this.#again = false;
        await this.#runBackfill();
      } while (this.#again && !this.#stopped);
    })().finally(() => {
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
    const added = await this.#storeAndAnnounce(chatId, messages, await this.store.latestTimestamp(chatId));
    this.#behind.delete(chatId);
    return { fetched: messages.length, added };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const off of this.#offs.splice(0)) off();
    this.#wake?.();
    await this.#backfilling?.catch(() => undefined);
    await this.flush();
  }

  #onEvent(event: GatewayEvent): void {
    const chatId = event.chat_id;
    if (!chatId) return;
    const data = event.data as { message?: MessageSummary; message_id?: string };
    if ((event.type === 'message.received' || event.type === 'message.sent') && data.message) {
      this.#pending.push(fromWire(data.message, chatId));
      this.#timer ??= setTimeout(() => void this.flush().catch((error: unknown) => this.#log.error({ err: error }, 'writing messages to the store failed')), this.#options.flushEveryMs);
      this.#timer.unref?.();
    } else if (event.type === 'message.edited' && data.message) {
      const { id, body } = data.message;
      void this.flush().then(() => this.store.markEdited(id, body, Math.floor(Date.parse(event.at) / 1000)));
    } else if (event.type === 'message.revoked' && data.message_id) {
      const id = data.message_id;
      void this.flush().then(() => this.store.markRevoked(id, Math.floor(Date.parse(event.at) / 1000)));
    }
  }

  /**
   * One backfill: list chats, then read those behind in passes. A chat with nothing stored when
   * the backfill began is measured against the newest message stored anywhere: a person who first
   * wrote while the gateway was away is news too. Only an empty store (a first start) imports
   * silently. A new return to ready (or `stop`) cuts the backfill short between two chats.
   */
  async #runBackfill(): Promise<void> {
    const started = Date.now();
    // First, before any await: no live event of this connection is written yet.
    const latest = (this.#latestAtStart ??= await this.store.latestTimestamps());
    const newestAnywhere = [...latest.values()].reduce<number | null>((newest, timestamp) => (newest === null || timestamp > newest ? timestamp : newest), null);
    let read = 0;
    let added = 0;
    try {
      const chats = await this.#session.call('Listing chats for the backfill', (driver) => driver.listChats(this.#options.listChats));
      await this.store.upsertChats(chats);
      const fresh = await this.store.newMessageIds(chats.flatMap((chat) => (chat.lastMessage ? [chat.lastMessage] : [])));
      const behind = chatsBehind(chats, fresh, latest);
      this.#behind = new Set(behind.map((chat) => chat.id));
      for (let pass = 0; read < behind.length && !this.#interrupted; pass += 1) {
        if (pass > 0) await this.#pause();
        for (const chat of behind.slice(read, read + this.#options.chatsPerPass)) {
          if (this.#interrupted) break;
          const messages = await this.#session.call('Reading a chat for the backfill', (driver) => driver.readMessages(chat.id, this.#options.backfillMessages));
          added += await this.#storeAndAnnounce(chat.id, messages, latest.get(chat.id) ?? newestAnywhere);
          this.#behind.delete(chat.id);
          read += 1;
        }
        if (pass === 0) await this.#becomeWarm();
      }
      if (behind.length === 0) await this.#becomeWarm();
      if (read === behind.length) this.#latestAtStart = null;
      this.#log.info({ chats: chats.length, behind: behind.length, read, added, ms: Date.now() - started }, 'history backfilled');
    } catch (error) {
      this.#log.warn({ err: describeError(error), read }, 'history backfill failed; reads of chats not caught up stay on the browser');
    }
  }

  /** Stopping, or a newer backfill is waiting. */
  get #interrupted(): boolean {
    return this.#stopped || this.#again;
  }

  /** Warm (live writes flushed, the chat list stored), then contacts. */
  async #becomeWarm(): Promise<void> {
    if (this.#warm) return;
    await this.flush();
    this.#warm = this.#session.state === 'ready';
    if (this.#warm) await this.#refreshContacts();
  }

  async #refreshContacts(): Promise<void> {
    try {
      const contacts = await this.#session.call('Listing contacts', (driver) => driver.listContacts());
      await this.store.upsertContacts(contacts);
      this.#contactsWarm = true;
    } catch (error) {
      this.#log.warn({ err: describeError(error) }, 'storing contacts failed; they are refreshed at the next return to ready');
    }
  }

  /** Waits between passes; `stop` ends the wait at once. */
  #pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), this.#options.passPauseMs);
      timer.unref();
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    });
  }

  /**
   * Stores messages. The incoming ones that were new and at least as recent as the newest message
   * stored before (`latest`) are published once as missed events; with `latest` null the messages
   * are an import, not news. The event log drops what the live event already published.
   */
  async #storeAndAnnounce(chatId: string, messages: readonly Message[], latest: number | null): Promise<number> {
    if (messages.length === 0) return 0;
    const fresh = await this.store.newMessageIds(messages);
    const added = await this.store.upsertMessages(messages.map((message) => ({ ...message, chatId })));
    if (latest === null) return added;
    for (const message of messages) {
      if (message.fromMe || !fresh.has(message.id) || message.timestamp < latest) continue;
      this.#events.append('message.received', chatId, { message: toMessageSummary(message), backfilled: true }, `received:${message.id}`);
    }
    return added;
  }
}
