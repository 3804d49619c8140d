import { expect, vi } from 'vitest';
import { fetchJson, linkPhone, postJson, type JsonResponse, type RunningGateway } from '../rest/harness.js';

/** REST helpers for the rich-messaging tests: every call goes over the gateway's real socket. */

export type Body = Record<string, any>;

export async function get(gateway: RunningGateway, path: string, query: Record<string, string> = {}): Promise<JsonResponse<Body>> {
  const search = new URLSearchParams(query).toString();
  return fetchJson<Body>(`${gateway.base}${path}${search ? `?${search}` : ''}`);
}

export async function post(gateway: RunningGateway, path: string, body: unknown): Promise<JsonResponse<Body>> {
  return fetchJson<Body>(`${gateway.base}${path}`, postJson(body));
}

/** Asserts the one error shape with this status and code; returns the message for further checks. */
export function expectError(response: JsonResponse<Body>, status: number, code: string): string {
  expect({ status: response.status, code: response.body['error']?.code }).toEqual({ status, code });
  expect(response.body['ok']).toBe(false);
  expect(response.body['error'].message).toEqual(expect.any(String));
  return response.body['error'].message as string;
}

/** A started, linked gateway. */
export async function linked(start: () => Promise<RunningGateway>): Promise<RunningGateway> {
  const gateway = await start();
  await linkPhone(gateway);
  return gateway;
}

/** Sends a text through REST and returns the new message id. */
export async function sendText(gateway: RunningGateway, chatId: string, message: string): Promise<string> {
  const sent = await post(gateway, '/api/send', { chat_id: chatId, message });
  expect(sent.status).toBe(200);
  return sent.body['message_id'] as string;
}

/** The id of the sandbox contact's echo of `text` (a message written by someone else), once it arrived. */
export async function echoOf(gateway: RunningGateway, chatId: string, text: string): Promise<string> {
  return vi.waitFor(() => {
    const echo = gateway.factory.world.readMessages(chatId, 50).find((message) => message.body === `Echo: ${text}`);
    expect(echo).toBeDefined();
    return echo!.id;
  });
}

/** The message as the sandbox's WhatsApp holds it now, or null. */
export function stored(gateway: RunningGateway, messageId: string) {
  return gateway.factory.world.findMessage(messageId)?.message ?? null;
}
