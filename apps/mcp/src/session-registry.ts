import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { NodeStreamableHttpTransport } from './transport/node-transport.js';
import type { FastifyBaseLogger } from 'fastify';

export interface McpSessionEntry {
  id: string;
  server: Server;
  transport: NodeStreamableHttpTransport;
  lastSeen: number;
  /** Requests being answered plus open GET streams: a busy session is never swept. */
  open: number;
}

export interface SessionRegistryOptions {
  idleMs: number;
  maxSessions: number;
  sweepEveryMs: number;
  logger: FastifyBaseLogger;
  now?: () => number;
}

/**
 * The live MCP sessions. Clients rarely send DELETE, so idle sessions (nothing in flight, no open
 * stream, silent for `idleMs`) are closed by a sweeper; past `maxSessions` the least recently used
 * idle session makes room.
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, McpSessionEntry>();
  readonly #options: SessionRegistryOptions;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;

  constructor(options: SessionRegistryOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now());
    this.#timer = setInterval(() => void this.sweep(), options.sweepEveryMs);
    this.#timer.unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  get(id: string): McpSessionEntry | undefined {
    return this.#sessions.get(id);
  }

  /**
   * Makes room for one more session, at once: sessions idle past `idleMs`, else the least recently
   * used idle one, are forgotten now and closed in the background. False when every session is
   * busy. Synchronous, so that the session admitted is added before any other initialize is
   * looked at: concurrent initializes cannot pass the limit together.
   */
  admit(): boolean {
    if (this.#sessions.size < this.#options.maxSessions) return true;
    void this.sweep();
    if (this.#sessions.size < this.#options.maxSessions) return true;
    let oldest: McpSessionEntry | undefined;
    for (const entry of this.#sessions.values()) {
      if (entry.open === 0 && (!oldest || entry.lastSeen < oldest.lastSeen)) oldest = entry;
    }
    if (!oldest) return false;
    this.#options.logger.info({ mcp_session: oldest.id }, 'MCP session evicted to make room');
    void this.#close(oldest);
    return true;
  }

  add(entry: Omit<McpSessionEntry, 'lastSeen' | 'open'>): McpSessionEntry {
    const full: McpSessionEntry = { ...entry, lastSeen: this.#now(), open: 0 };
    this.#sessions.set(entry.id, full);
    return full;
  }

  /** Marks the session busy until the returned function is called (when the response closes). */
  use(entry: McpSessionEntry): () => void {
    entry.open += 1;
    entry.lastSeen = this.#now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.open -= 1;
      entry.lastSeen = this.#now();
    };
  }

  /** Forgets a session whose transport closed (DELETE, or closed by us). */
  remove(id: string): void {
    this.#sessions.delete(id);
  }

  /** Closes sessions idle for longer than `idleMs`; returns how many. */
  async sweep(): Promise<number> {
    const cutoff = this.#now() - this.#options.idleMs;
    const idle = [...this.#sessions.values()].filter((entry) => entry.open === 0 && entry.lastSeen <= cutoff);
    await Promise.all(idle.map((entry) => this.#close(entry)));
    if (idle.length > 0) this.#options.logger.debug({ swept: idle.length, live: this.#sessions.size }, 'idle MCP sessions closed');
    return idle.length;
  }

  /** Closes everything (shutdown): open SSE streams would otherwise keep the server from closing. */
  async closeAll(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all([...this.#sessions.values()].map((entry) => this.#close(entry)));
  }

  /** Forgets the session before its first await (`admit` counts on it), then closes it. */
  async #close(entry: McpSessionEntry): Promise<void> {
    this.#sessions.delete(entry.id);
    try {
      await entry.transport.close();
      await entry.server.close();
    } catch (error) {
      this.#options.logger.warn({ err: error, mcp_session: entry.id }, 'closing an MCP session failed');
    }
  }
}
