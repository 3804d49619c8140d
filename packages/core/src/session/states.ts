import type { Account } from '../driver/index.js';
import type { RecoveryState } from './recovery.js';

/** The seven states of the wire contract, and the only values of `state`. */
export const SESSION_STATES = ['stopped', 'starting', 'qr', 'authenticated', 'ready', 'auth_failure', 'disconnected'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** States in which a client is running or coming up: start is a no-op there. */
export const ACTIVE_STATES: ReadonlySet<SessionState> = new Set(['starting', 'qr', 'authenticated', 'ready']);

/** WhatsApp's disconnect reasons that mean the phone unlinked us: wait for the user, never retry. */
export const UNLINKED_REASONS: ReadonlySet<string> = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

export interface PairingCodeInfo {
  code: string;
  phoneNumber: string;
  /** Unix milliseconds; WhatsApp refreshes the code about every 3 minutes. */
  issuedAt: number;
}

/** Everything a transport may show about the session, at one instant. */
export interface SessionSnapshot {
  state: SessionState;
  lastError: string | null;
  account: Account | null;
  qr: string | null;
  pairingCode: PairingCodeInfo | null;
  /** Unix milliseconds of the last state change. */
  since: number;
  /** Automatic restarts since the session was last ready, and when the next one runs. */
  recovery: RecoveryState;
}
