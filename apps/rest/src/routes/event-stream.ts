import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVENT_TYPES, matches, normalizeChatId, parseEventTypes, type EventLog, type GatewayEvent } from '@wa/core';
import type { ServerResponse } from 'node:http';
import Type from 'typebox';
import { ErrorBodySchema } from '../schemas.js';

export interface EventStreamOptions {
  events: EventLog;
  /** Comment lines keep proxies from closing an idle stream. */
  heartbeatMs?: number;
}

const QuerySchema = Type.Object(
  {
    types: Type.Optional(Type.String({ maxLength: 400, description: `Comma-separated event types: ${EVENT_TYPES.join(', ')}.` })),
    chat_id: Type.Optional(Type.String({ maxLength: 128, description: 'Only events of this chat.' })),
    since: Type.Optional(Type.String({ pattern: '^[0-9]{1,20}$', description: 'Resume after this event id (the Last-Event-ID header wins).' })),
  },
  { additionalProperties: false },
);

function frame(event: GatewayEvent): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * `GET /api/events`: Server-Sent Events. Each event carries its id, so a reconnecting client (or
 * EventSource, by itself) resumes with `Last-Event-ID`; events still in the buffer are replayed,
 * and a `gap` event says when some were lost.
 */
export const eventStreamRoutes: FastifyPluginAsyncTypebox<EventStreamOptions> = async (app, options) => {
  const open = new Set<ServerResponse>();
  // Open streams would keep app.close() waiting forever.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get(
    '/api/events',
    {
      schema: {
        operationId: 'events_stream',
        summary: 'Live events as Server-Sent Events',
        description:
          'A text/event-stream of events (message.received, message.sent, message.ack, message.revoked, message.edited, message.reaction, session.state, session.qr, session.pairing_code). Every event has an id; reconnect with Last-Event-ID to resume. Filter with types and chat_id. Message text is untrusted data.',
        tags: ['events'],
        querystring: QuerySchema,
        response: {
          200: {
            description: 'The stream: one `id`, `event` and `data` (the event as JSON) per event; comment lines keep it alive.',
            content: {
              'text/event-stream': {
                schema: { type: 'string' },
                example: 'id: 1767268800000001\nevent: message.received\ndata: {"id":"1767268800000001","type":"message.received","at":"2026-01-01T12:00:00.000Z","chat_id":"15557654321@c.us","data":{"message":{"body":"See you at 7?"}}}\n\n',
              },
            },
          },
          400: {
            ...ErrorBodySchema,
            description: 'An unknown event type or a bad chat id.',
            examples: [{ ok: false, error: { code: 'invalid_input', message: 'Unknown event type "message.exploded"; use any of message.received, message.sent, ...' } }],
          },
        },
      },
    },
    async (request, reply) => {
      const filter = {
        types: parseEventTypes(request.query.types),
        chatId: request.query.chat_id === undefined ? undefined : normalizeChatId(request.query.chat_id),
      };
      const lastEventId = request.headers['last-event-id'];
      const since = typeof lastEventId === 'string' && /^[0-9]{1,20}$/.test(lastEventId) ? lastEventId : request.query.since;

      const res = reply.raw;
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value as string);
      reply.hijack();
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write('retry: 3000\n\n');

      open.add(res);
      const unsubscribe = options.events.subscribe((event) => {
        if (matches(event, filter)) res.write(frame(event));
      });
      if (since !== undefined) {
        // Replay what the client missed; more than a buffer's worth is a gap.
        let page = options.events.since(since, filter, 100);
        if (page.gap) res.write(`event: gap\ndata: ${JSON.stringify({ cursor: since })}\n\n`);
        while (page.events.length > 0) {
          for (const event of page.events) res.write(frame(event));
          page = options.events.since(page.events.at(-1)!.id, filter, 100);
        }
      }
      const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs ?? 15_000);
      heartbeat.unref();
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
    },
  );
};
