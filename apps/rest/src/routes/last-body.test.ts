import { StatusSchema, statusOperation } from '@wa/core';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lastBodySender } from './last-body.js';

describe('lastBodySender', () => {
  /** Two routes with the status schema: one answers as Fastify does, one through lastBodySender. */
  async function twoRoutes(results: () => unknown) {
    const app = Fastify();
    const schema = { response: { 200: StatusSchema } };
    app.get('/plain', { schema }, async () => results());
    const sendLastBody = lastBodySender();
    app.get('/reused', { schema }, (_request, reply) => {
      sendLastBody(reply, results());
    });
    await app.ready();
    return app;
  }

  it('answers the same bytes and headers as Fastify serialising the result itself, and follows a changed result', async () => {
    let result: Record<string, unknown> = { ...statusOperation.example.output, last_error: 'a "quoted" error\n', extra_field: 'dropped by the schema' };
    const app = await twoRoutes(() => structuredClone(result));
    for (let round = 0; round < 3; round++) {
      if (round === 2) result = { ...result, state: 'disconnected', ready: false, account: null };
      const plain = await app.inject({ method: 'GET', url: '/plain' });
      const reused = await app.inject({ method: 'GET', url: '/reused' });
      expect(reused.statusCode).toBe(200);
      expect(reused.body).toBe(plain.body);
      expect(reused.headers).toEqual({ ...plain.headers, date: reused.headers['date'] });
    }
    expect(JSON.parse((await app.inject({ method: 'GET', url: '/reused' })).body)).toMatchObject({ state: 'disconnected', account: null });
    await app.close();
  });
});
