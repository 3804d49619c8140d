import type { AckUpdate, Message, MessageRef, ReactionUpdate, UnreadUpdate } from '../driver/index.js';
import type { SessionSnapshot, SessionState } from './states.js';

export interface StateChange {
  from: SessionState;
  to: SessionState;
  snapshot: SessionSnapshot;
}

/** Typed domain events of the session; transports subscribe, never the other way round. */
export type SessionEvents = {
  state_changed: (change: StateChange) => void;
  /** A new QR to scan. The string is account-takeover material: never log it. */
  qr: (qr: string) => void;
  /** A new pairing code. Account-takeover material: never log it. */
  pairing_code: (code: string) => void;
  message_received: (message: Message) => void;
  /** A message this account created (through the gateway or another device). May repeat: dedupe by id. */
  message_sent: (message: Message) => void;
  message_ack: (update: AckUpdate) => void;
  message_revoked: (update: MessageRef) => void;
  message_edited: (update: { message: Message; previousBody: string }) => void;
  message_reaction: (update: ReactionUpdate) => void;
  chat_unread: (update: UnreadUpdate) => void;
};
