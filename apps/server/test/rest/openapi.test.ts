import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayPerTest, startGateway, type RunningGateway } from './harness.js';

interface Media {
  schema?: { type?: string; format?: string; required?: string[]; properties?: Record<string, { enum?: unknown[]; required?: string[] }> };
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Operation {
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** Every route of the wire contract, plus the gateway's own QR routes, with the errors each can answer. */
const DOCUMENTED_ROUTES: Array<{ method: string; path: string; errors: string[] }> = [
  { method: 'get', path: '/', errors: [] },
  { method: 'get', path: '/health', errors: [] },
  { method: 'get', path: '/api/status', errors: [] },
  { method: 'post', path: '/api/auth/start', errors: ['502', '503'] },
  { method: 'post', path: '/api/pairing-code', errors: ['400', '503'] },
  { method: 'post', path: '/api/send', errors: ['400', '404', '503'] },
  { method: 'get', path: '/api/chats', errors: ['400', '503'] },
  { method: 'get', path: '/api/messages', errors: ['400', '404', '503'] },
  { method: 'post', path: '/api/messages', errors: ['400', '404', '503'] },
  { method: 'post', path: '/api/logout', errors: [] },
  { method: 'get', path: '/qr', errors: [] },
  { method: 'get', path: '/qr.png', errors: ['404'] },
  { method: 'get', path: '/api/qr', errors: [] },
  { method: 'get', path: '/livez', errors: [] },
  { method: 'get', path: '/api/updates', errors: ['400'] },
  { method: 'post', path: '/api/wait-for-reply', errors: ['400'] },
  { method: 'get', path: '/api/events', errors: ['400'] },
  { method: 'get', path: '/api/search', errors: ['400', '404'] },
  { method: 'get', path: '/api/messages/context', errors: ['400', '404'] },
  { method: 'post', path: '/api/chats/sync', errors: ['400', '503'] },
  { method: 'get', path: '/api/chats/export', errors: ['400', '404'] },
  { method: 'post', path: '/api/send-media', errors: ['400', '404', '413', '503'] },
  { method: 'post', path: '/api/media/download', errors: ['400', '404', '413', '503'] },
  { method: 'get', path: '/api/media/list', errors: ['400', '404', '503'] },
  { method: 'get', path: '/api/media', errors: ['400', '404', '413', '503'] },
  { method: 'get', path: '/api/webhooks', errors: [] },
  { method: 'post', path: '/api/webhooks', errors: ['400'] },
  { method: 'delete', path: '/api/webhooks/{id}', errors: ['400', '404'] },
  { method: 'get', path: '/api/webhooks/{id}/deliveries', errors: ['404'] },
];
const BODY_ROUTES = new Set([
  'post /api/pairing-code', 'post /api/send', 'post /api/messages', 'post /api/wait-for-reply', 'post /api/webhooks', 'post /api/chats/sync', 'post /api/send-media', 'post /api/media/download',
  'post /api/send-location', 'post /api/messages/react', 'post /api/messages/edit', 'post /api/messages/delete', 'post /api/messages/forward',
  'post /api/chats/read', 'post /api/chats/presence',
]);

function operations(doc: Document): Array<{ name: string; operation: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, operation })));
}

function hasExample(media: Media): boolean {
  return media.example !== undefined || Object.keys(media.examples ?? {}).length > 0;
}

describe('the OpenAPI document at /openapi.json', () => {
  let gateway: RunningGateway;
  let doc: Document;

  beforeAll(async () => {
    gateway = await startGateway();
    const response = await fetch(`${gateway.base}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await response.json()) as Document;
  });
  afterAll(() => gateway.close());

  it('validates as OpenAPI 3', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('lists every route of the contract with its method', () => {
    const listed = operations(doc).map(({ name }) => name);
    expect(listed).toEqual(expect.arrayContaining(DOCUMENTED_ROUTES.map(({ method, path }) => `${method} ${path}`)));
  });

  it('gives every operation a summary and a description', () => {
    const missing = operations(doc).filter(({ operation }) => !operation.summary?.trim() || !operation.description?.trim());
    expect(missing.map(({ name }) => name)).toEqual([]);
  });

  it('gives every request body an example that carries the required fields', () => {
    for (const { name, operation } of operations(doc)) {
      expect({ name, hasBody: operation.requestBody !== undefined }).toEqual({ name, hasBody: BODY_ROUTES.has(name) });
      if (!operation.requestBody) continue;
      const media = operation.requestBody.content['application/json']!;
      expect(hasExample(media), name).toBe(true);
      expect(Object.keys(media.example as object), name).toEqual(expect.arrayContaining(media.schema?.required ?? []));
    }
    const send = doc.paths['/api/send']!['post']!.requestBody!.content['application/json']!;
    expect(send.example).toEqual({ phone_number: expect.any(String), message: expect.any(String) });
  });

  it('gives every 200 response an example, except the binary PNG', () => {
    for (const { name, operation } of operations(doc)) {
      const ok = operation.responses['200'];
      expect(ok?.content, name).toBeDefined();
      for (const [type, media] of Object.entries(ok!.content!)) {
        if (media.schema?.format === 'binary') continue;
        expect(hasExample(media), `${name} 200 ${type}`).toBe(true);
        const required = media.schema?.required ?? [];
        if (media.example && typeof media.example === 'object') expect(Object.keys(media.example), `${name} 200 example`).toEqual(expect.arrayContaining(required));
      }
    }
    expect(Object.keys(doc.paths['/qr']!['get']!.responses['200']!.content!)).toEqual(['text/html']);
    expect(Object.keys(doc.paths['/qr.png']!['get']!.responses['200']!.content!)).toEqual(['image/png']);
  });

  it('documents the errors each route answers, all with the one error schema and an example', () => {
    for (const { method, path, errors } of DOCUMENTED_ROUTES) {
      const { responses } = doc.paths[path]![method]!;
      expect(Object.keys(responses), `${method} ${path}`).toEqual(expect.arrayContaining(errors));
    }
    for (const { name, operation } of operations(doc)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        const media = response.content?.['application/json'];
        const label = `${name} ${status}`;
        expect(response.description, label).not.toBe('');
        expect(media?.schema?.required, label).toEqual(['ok', 'error']);
        expect(media?.schema?.properties?.['ok']?.enum, label).toEqual([false]);
        expect(media?.schema?.properties?.['error']?.required, label).toEqual(['code', 'message']);
        expect(media?.example, label).toEqual({ ok: false, error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
      }
    }
  });

  it('gives each documented error status an example with a code of that status', () => {
    const codes = (path: string, method: string, status: string): string =>
      ((doc.paths[path]![method]!.responses[status]!.content!['application/json']!.example as { error: { code: string } }).error.code);
    expect(codes('/api/send', 'post', '404')).toBe('chat_not_found');
    expect(codes('/api/send', 'post', '503')).toMatch(/^session_not_(linked|ready)$/);
    expect(codes('/qr.png', 'get', '404')).toBe('no_qr');
  });
});

describe('the browsable API docs at /docs', () => {
  const startEach = gatewayPerTest();

  it('serves the Swagger UI page, its assets, and the same document', async () => {
    const gateway = await startEach();
    const page = await fetch(`${gateway.base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="swagger-ui">');
    const css = await fetch(`${gateway.base}/docs/static/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.swagger-ui');
    const [served, published] = await Promise.all([fetch(`${gateway.base}/docs/json`), fetch(`${gateway.base}/openapi.json`)]);
    expect(await served.json()).toEqual(await published.json());
  });
});
