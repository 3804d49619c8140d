import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../rest/harness.js';

interface DocOperation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content: Record<string, { schema?: { required?: string[] }; example?: Record<string, unknown> }> };
  responses: Record<string, unknown>;
}

/** The rich-messaging routes, how each takes its input, and the statuses it documents. */
const ROUTES: Array<{ method: 'get' | 'post'; path: string; operationId: string; fields: string[]; errors: string[] }> = [
  { method: 'get', path: '/api/numbers/check', operationId: 'check_number', fields: ['phone_number'], errors: ['400', '503'] },
  { method: 'post', path: '/api/send-location', operationId: 'send_location', fields: ['latitude', 'longitude'], errors: ['400', '404', '503'] },
  { method: 'post', path: '/api/messages/react', operationId: 'react', fields: ['message_id', 'emoji'], errors: ['400', '404'] },
  { method: 'post', path: '/api/messages/edit', operationId: 'edit_message', fields: ['message_id', 'text'], errors: ['400', '404', '409'] },
  { method: 'post', path: '/api/messages/delete', operationId: 'delete_message', fields: ['message_id'], errors: ['400', '404', '409'] },
  { method: 'post', path: '/api/messages/forward', operationId: 'forward_message', fields: ['message_id'], errors: ['400', '404'] },
  { method: 'post', path: '/api/chats/read', operationId: 'mark_read', fields: [], errors: ['400', '404'] },
  { method: 'post', path: '/api/chats/presence', operationId: 'send_presence', fields: ['presence'], errors: ['400', '404'] },
  { method: 'get', path: '/api/contacts', operationId: 'search_contacts', fields: [], errors: ['400', '503'] },
  { method: 'get', path: '/api/contacts/get', operationId: 'get_contact', fields: [], errors: ['400', '404'] },
  { method: 'get', path: '/api/groups', operationId: 'list_groups', fields: [], errors: ['400', '503'] },
  { method: 'get', path: '/api/groups/info', operationId: 'get_group', fields: ['chat_id'], errors: ['400', '404'] },
];

describe('the OpenAPI document lists the rich-messaging routes', () => {
  let gateway: RunningGateway;
  let paths: Record<string, Record<string, DocOperation>>;

  beforeAll(async () => {
    gateway = await startGateway();
    paths = ((await (await fetch(`${gateway.base}/openapi.json`)).json()) as { paths: typeof paths }).paths;
  });
  afterAll(() => gateway.close());

  it('documents each route under its operation name with its error statuses', () => {
    for (const route of ROUTES) {
      const operation = paths[route.path]?.[route.method];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(Object.keys(operation!.responses), route.path).toEqual(expect.arrayContaining(['200', ...route.errors]));
    }
  });

  it('takes POST input as a JSON body with an example and GET input as query parameters', () => {
    for (const route of ROUTES) {
      const operation = paths[route.path]![route.method]!;
      if (route.method === 'post') {
        const body = operation.requestBody!.content['application/json']!;
        expect(body.schema?.required ?? [], route.path).toEqual(route.fields);
        expect(Object.keys(body.example ?? {}), route.path).toEqual(expect.arrayContaining(route.fields));
        expect(operation.parameters ?? [], route.path).toEqual([]);
      } else {
        expect(operation.requestBody, route.path).toBeUndefined();
        const required = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query' && parameter.required).map((parameter) => parameter.name);
        expect(required, route.path).toEqual(route.fields);
      }
    }
    const send = paths['/api/send']!['post']!.requestBody!.content['application/json']!.schema as { properties?: Record<string, unknown> };
    expect(Object.keys(send.properties ?? {})).toEqual(expect.arrayContaining(['reply_to_message_id', 'mentions']));
  });
});
