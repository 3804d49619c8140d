/** Every kind of event the gateway publishes; the names are wire contract (SSE, webhooks, MCP). */
export const EVENT_TYPES = [
  'message.received',
  'message.sent',
  'message.ack',
  'message.revoked',
  'message.edited',
  'message.reaction',
  'session.state',
  'session.qr',
  'session.pairing_code',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One published event. `id` is the cursor: decimal, strictly increasing, also across restarts. */
export interface GatewayEvent {
  id: string;
  type: EventType;
  /** ISO-8601 time the gateway saw it. */
  at: string;
  /** The chat it concerns, for message events; null for session events. */
  chat_id: string | null;
  data: Record<string, unknown>;
}

export interface EventFilter {
  types?: ReadonlySet<EventType> | undefined;
  chatId?: string | undefined;
}

export function matches(event: GatewayEvent, filter: EventFilter): boolean {
  if (filter.types && filter.types.size > 0 && !filter.types.has(event.type)) return false;
  if (filter.chatId && event.chat_id !== filter.chatId) return false;
  return true;
}

export const ACK_NAMES: Readonly<Record<string, string>> = { '-1': 'error', 0: 'pending', 1: 'server', 2: 'device', 3: 'read', 4: 'played' };
