import { History, type GatewayConfig, type EventLog, type Session } from '@wa/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Opens the message store (loaded only when enabled: it is a native module) and keeps it in step
 * with the session; prunes by the retention setting; closes it with the server.
 */
export async function openHistory(app: FastifyInstance, config: Readonly<GatewayConfig>, session: Session, events: EventLog, logger: Logger): Promise<History | undefined> {
  if (!config.store.enabled) return undefined;
  const { SqliteMessageStore } = await import('@wa/store');
  const store = new SqliteMessageStore(config.store.path);
  const history = new History(store, session, events, logger.child({ component: 'history' }));
  history.start();

  let pruner: NodeJS.Timeout | undefined;
  if (config.store.retentionDays > 0) {
    const prune = (): void => {
      const cutoff = Math.floor(Date.now() / 1000) - config.store.retentionDays * 86_400;
      store.prune(cutoff).then(
        (removed) => removed > 0 && logger.info({ removed, retention_days: config.store.retentionDays }, 'old messages pruned'),
        (error: unknown) => logger.warn({ err: error }, 'pruning the message store failed'),
      );
    };
    // Now, before the session can be ready: the prune also sets the store's cutoff, so the first
    // backfill cannot write pruned messages back.
    prune();
    pruner = setInterval(prune, PRUNE_EVERY_MS);
    pruner.unref();
  }
  app.addHook('onClose', async () => {
    clearInterval(pruner);
    await history.stop();
    await store.close();
  });
  return history;
}
