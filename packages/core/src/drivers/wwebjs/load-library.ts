import type { ClientLike, LocationLike, MessageMediaLike } from './client-like.js';

/**
 * Loads whatsapp-web.js and puppeteer on first use, so a gateway on the sandbox driver (and start-up
 * before the first start) never pays for them. CommonJS: named ESM imports of LocalAuth fail.
 */
export interface WwebjsLibrary {
  /** The library's own classes: `sendMessage` recognises media and locations with `instanceof`. */
  MessageMedia: new (mimetype: string, data: string, filename?: string | null, filesize?: number | null) => MessageMediaLike;
  Location: new (latitude: number, longitude: number, options?: { name?: string; address?: string }) => LocationLike;
  createClient(options: Record<string, unknown>, auth: { dataPath: string; clientId: string }): ClientLike;
  /** Puppeteer's own downloaded browser, if any (its download is disabled here, but users may have one). */
  puppeteerExecutablePath(): string | null;
}

let loading: Promise<WwebjsLibrary> | null = null;

export function loadWwebjs(): Promise<WwebjsLibrary> {
  loading ??= (async () => {
    const [{ default: wwebjs }, { default: puppeteer }] = await Promise.all([import('whatsapp-web.js'), import('puppeteer')]);
    return {
      MessageMedia: wwebjs.MessageMedia,
      Location: wwebjs.Location,
      createClient(options, auth) {
        const authStrategy = new wwebjs.LocalAuth({ dataPath: auth.dataPath, clientId: auth.clientId });
        return new wwebjs.Client({ ...options, authStrategy }) as unknown as ClientLike;
      },
      puppeteerExecutablePath() {
        try {
          return puppeteer.executablePath();
        } catch {
          return null;
        }
      },
    };
  })();
  return loading;
}
