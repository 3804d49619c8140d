import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Session } from '@wa/core';
import { STATUS_URI, chatMessagesUri } from './resources.js';

/**
 * The resources one MCP session subscribed to, and the session events that update them. Listeners
 * are attached on the first subscription only, so sessions that never subscribe cost nothing.
 */
export class ResourceSubscriptions {
  readonly #uris = new Set<string>();
  readonly #server: Server;
  readonly #session: Session;
  #detach: (() => void) | null = null;

  constructor(server: Server, session: Session) {
    this.#server = server;
    this.#session = session;
  }

  subscribe(uri: string): void {
    this.#uris.add(uri);
    this.#attach();
  }

  unsubscribe(uri: string): void {
    this.#uris.delete(uri);
    if (this.#uris.size === 0) this.close();
  }

  close(): void {
    this.#detach?.();
    this.#detach = null;
  }

  #notify(uri: string): void {
    if (!this.#uris.has(uri)) return;
    this.#server.sendResourceUpdated({ uri }).catch(() => undefined);
  }

  #attach(): void {
    if (this.#detach) return;
    const offs = [
      this.#session.on('state_changed', () => this.#notify(STATUS_URI)),
      this.#session.on('message_received', (message) => this.#notify(chatMessagesUri(message.from))),
      this.#session.on('message_sent', (message) => this.#notify(chatMessagesUri(message.to))),
    ];
    this.#detach = () => offs.forEach((off) => off());
  }
}
