import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/**
 * CORS only for the origins the operator listed (WHATSAPP_ALLOWED_ORIGINS); none by default and
 * never a wildcard. Other origins get no CORS headers, so a browser page cannot read the answers.
 */
export async function allowListedOrigins(app: FastifyInstance, allowedOrigins: readonly string[]): Promise<void> {
  const allowed = new Set(allowedOrigins.map((origin) => origin.toLowerCase().replace(/\/$/, '')));
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin.toLowerCase())),
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'mcp-session-id', 'mcp-protocol-version', 'last-event-id', 'prefer'],
    exposedHeaders: ['mcp-session-id', 'mcp-protocol-version', 'retry-after', 'www-authenticate'],
    maxAge: 600,
    strictPreflight: true,
  });
}
