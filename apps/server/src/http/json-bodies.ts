import type { FastifyInstance } from 'fastify';

/**
 * Request bodies are JSON only. Removing the text/plain parser makes cross-site form posts (which
 * browsers send without a preflight) fail with 415 instead of reaching a handler. An empty JSON
 * body reads as `{}`: old clients POST `/api/auth/start` with the header and nothing else.
 */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, {});
      return;
    }
    parseJson(request, text, done);
  });
}
