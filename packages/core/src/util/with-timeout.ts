import { GatewayError } from '../errors.js';

/**
 * Races `work` against a timer. The browser can hang forever (a crashed renderer never answers),
 * so every call into it goes through here. The timer is unref'd and always cleared.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new GatewayError('browser_timeout', `${what} did not finish within ${timeoutMs} ms.`, { retryAfterSeconds: 5 }));
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
