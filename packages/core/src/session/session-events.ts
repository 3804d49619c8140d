import type { Message } from '../driver/index.js';
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
  message_sent: (message: Message) => void;
};
