import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyDelivery } from '@wa/webhooks';

export interface ReceivedDelivery {
  id: string;
  type: string;
  attempt: number;
  verified: boolean;
  body: { id: string; type: string; data: Record<string, unknown> };
}

/** A webhook receiver on loopback that verifies signatures and can be told to fail. */
export class WebhookReceiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** Answer this HTTP status instead of 200 (e.g. 500 or 503) while set. */
  failWith: number | null = null;
  readonly #server: Server;
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
    this.#server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      request.on('end', () => {
        if (this.failWith !== null) {
          response.writeHead(this.failWith).end();
          return;
        }
        const header = (name: string) => String(request.headers[name] ?? '');
        this.deliveries.push({
          id: header('x-webhook-id'),
          type: header('x-webhook-event'),
          attempt: Number(header('x-webhook-attempt')),
          verified: verifyDelivery(this.#secret, header('x-webhook-timestamp'), raw, header('x-webhook-signature')),
          body: JSON.parse(raw),
        });
        response.writeHead(200).end();
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** Distinct event ids, in first-arrival order: what a receiver that dedupes by id keeps. */
  uniqueIds(): string[] {
    return [...new Set(this.deliveries.map((delivery) => delivery.id))];
  }
}
