import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { mediaFetcher } from '@wa/media-fetch';
import { type DriverFactory, EventLog, type GatewayConfig, type OperationContext, Session, createDriverFactory, recordSessionEvents } from '@wa/core';
import { mcpPlugin, type SessionRegistry } from '@wa/mcp';
import { registerOpenApi, restPlugin } from '@wa/rest';
import { webhooksPlugin } from '@wa/webhooks';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { AccessLog } from './http/access-log.js';
import { requireToken } from './http/bearer-auth.js';
import { allowListedOrigins, answerPreflights } from './http/cors.js';
import { answerErrorsInOneShape } from './http/error-handler.js';
import { frameworkErrorHandler } from './http/framework-errors.js';
import { drainConnectionsOnClose } from './http/drain-connections.js';
import { checkHostAndOrigin } from './http/host-origin-check.js';
import { acceptJsonBodiesOnly } from './http/json-bodies.js';
import { answerUnknownRoutes } from './http/not-found.js';
import { lazyRequestLogger } from './http/request-logger.js';
import { openHistory } from './history.js';
import { addSecurityHeaders } from './http/security-headers.js';

export interface BuildServerOptions {
  config: Readonly<GatewayConfig>;
  logger: Logger;
  /** Replaces the driver named by the config (tests use a sandbox with knobs). */
  driverFactory?: DriverFactory;
  /** Webhook retry timing (tests shorten it). */
  webhookRetry?: { baseDelayMs: number; maxDelayMs: number };
}

export interface Gateway {
  app: FastifyInstance;
  session: Session;
  events: EventLog;
  /** The live MCP sessions. */
  mcpSessions: SessionRegistry;
}

const BODY_LIMIT_BYTES = 1024 * 1024;
const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

/**
 * The composition root: one Session, one Fastify, the transports registered on it. Returns the
 * instance without listening so tests can `inject` or listen on an ephemeral port.
 */
export async function buildServer(options: BuildServerOptions): Promise<Gateway> {
  const { config, logger } = options;
  const session = new Session({
    factory: options.driverFactory ?? createDriverFactory(config, logger),
    logger: logger.child({ component: 'session' }),
    timeouts: config.timeouts,
    selfHealing: config.recovery,
  });
  const events = new EventLog({ capacity: config.eventBuffer });
  recordSessionEvents(session, events);
  const context: OperationContext = { session, config, logger, events, fetchMedia: mediaFetcher };

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new AccessLog(logger),
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    frameworkErrors: frameworkErrorHandler(config.security.apiToken),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Order matters: security headers on every answer, refuse foreign hosts and origins, answer
  // CORS preflights, then check the token.
  addSecurityHeaders(app);
  checkHostAndOrigin(app, config);
  allowListedOrigins(app, config.security.allowedOrigins);
  requireToken(app, config.security.apiToken);
  acceptJsonBodiesOnly(app);
  answerErrorsInOneShape(app);
  answerUnknownRoutes(app);
  await answerPreflights(app, config.security.allowedOrigins);
  drainConnectionsOnClose(app);

  const history = await openHistory(app, config, session, events, logger);
  if (history) context.history = history;

  await registerOpenApi(app, { version: VERSION });
  await app.register(restPlugin, { session, config, context });
  await app.register(webhooksPlugin, { config, events, ...(options.webhookRetry ? { retry: options.webhookRetry } : {}) });
  let mcpSessions: SessionRegistry | undefined;
  await app.register(mcpPlugin, {
    context,
    version: VERSION,
    sessionIdleMs: config.mcp.sessionIdleMs,
    maxSessions: config.mcp.maxSessions,
    onRegistry: (registry) => {
      mcpSessions = registry;
    },
  });

  // preClose, not onClose: requests waiting for the session must be released (they answer 503)
  // before Fastify waits for in-flight requests to finish.
  app.addHook('preClose', async () => {
    await session.shutdown();
  });

  if (!mcpSessions) throw new Error('the MCP plugin did not register its session registry');
  return { app, session, events, mcpSessions };
}
