import { createHash, randomBytes } from 'node:crypto';
import { GatewayError, type EventType } from '@wa/core';
import type { AtomicJsonFile } from './atomic-json-file.js';

export interface Webhook {
  id: string;
  url: string;
  secret: string;
  /** Event types delivered; empty means all. */
  types: EventType[];
  /** `env` receivers come from configuration and cannot be removed through the API. */
  source: 'env' | 'api';
  created_at: string;
}

/** The receivers: those configured by environment, plus those added through the API (persisted). */
export class WebhookRegistry {
  readonly #file: AtomicJsonFile<Webhook[]>;
  readonly #env: Webhook[];
  #api: Webhook[];

  constructor(file: AtomicJsonFile<Webhook[]>, env: { urls: string[]; secret: string | null; types: EventType[] }) {
    this.#file = file;
    this.#api = file.read([]);
    this.#env = env.secret
      ? env.urls.map((url) => ({
          id: `env-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`,
          url,
          secret: env.secret!,
          types: env.types,
          source: 'env' as const,
          created_at: new Date(0).toISOString(),
        }))
      : [];
  }

  list(): Webhook[] {
    return [...this.#env, ...this.#api];
  }

  get(id: string): Webhook | undefined {
    return this.list().find((webhook) => webhook.id === id);
  }

  add(input: { url: string; secret?: string | undefined; types?: EventType[] | undefined }): Webhook {
    const webhook: Webhook = {
      id: `wh_${randomBytes(8).toString('hex')}`,
      url: input.url,
      secret: input.secret ?? randomBytes(24).toString('base64url'),
      types: input.types ?? [],
      source: 'api',
      created_at: new Date().toISOString(),
    };
    this.#api = [...this.#api, webhook];
    this.#file.write(this.#api);
    return webhook;
  }

  remove(id: string): void {
    if (this.#env.some((webhook) => webhook.id === id)) {
      throw new GatewayError('invalid_input', `Webhook ${id} comes from WHATSAPP_WEBHOOK_URLS; remove it there.`);
    }
    if (!this.#api.some((webhook) => webhook.id === id)) throw new GatewayError('resource_not_found', `There is no webhook ${id}.`);
    this.#api = this.#api.filter((webhook) => webhook.id !== id);
    this.#file.write(this.#api);
  }
}
