import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';
import type { GatewayConfig } from '../config/index.js';
import type { EventLog } from '../events/index.js';
import type { MediaFetcher } from '../media/index.js';
import type { Session } from '../session/index.js';
import type { History } from '../store/index.js';

/** What every operation handler receives; transports build one per process. */
export interface OperationContext {
  session: Session;
  config: Readonly<GatewayConfig>;
  logger: Logger;
  /** The event stream (cursors for pollers and waiters). */
  events: EventLog;
  /** The message store and its sync; absent when the store is turned off. */
  history?: History;
  /** Downloads media URLs for sending; without it only inline (base64) media can be sent. */
  fetchMedia?: MediaFetcher;
  /** Aborted when the caller goes away: long waits end early. */
  signal?: AbortSignal;
  /** How long this request may wait for the session to become ready (the caller can shorten it). */
  waitMs?: number;
}

/** How an operation behaves, for MCP annotations, OpenAPI and agents deciding whether to call it. */
export interface OperationHints {
  /** Reads only; never changes WhatsApp or the session. */
  readOnly: boolean;
  /** Can destroy something the user cannot get back (unlinking the device). */
  destructive: boolean;
  /** Calling twice has the same effect as once. */
  idempotent: boolean;
  /** Reaches people outside this system (sends a real message). */
  openWorld: boolean;
}

/**
 * One user-facing operation, defined once. REST routes, the OpenAPI document and MCP tools are all
 * generated from this definition: the input and output schemas are the only copies of each shape.
 */
export interface Operation<I extends TSchema = TSchema, O extends TSchema = TSchema> {
  /** snake_case id; MCP tools are `whatsapp_<name>`. */
  readonly name: string;
  readonly title: string;
  /** One line. */
  readonly summary: string;
  /** When to use it, where its ids come from, side effects and limits. */
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly hints: OperationHints;
  /** A realistic input and result, for docs; tests check both against the schemas. */
  readonly example: { input: Static<I>; output: Static<O> };
  readonly handler: (context: OperationContext, input: Static<I>) => Promise<Static<O>>;
}

export function defineOperation<I extends TSchema, O extends TSchema>(operation: Operation<I, O>): Operation<I, O> {
  return Object.freeze(operation);
}
