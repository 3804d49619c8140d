export { Session } from './session.js';
export type { PairingCodeOutcome, SessionOptions, SessionTimeouts } from './session.js';
export type { SessionEvents, StateChange } from './session-events.js';
export { ACTIVE_STATES, SESSION_STATES, UNLINKED_REASONS } from './states.js';
export type { PairingCodeInfo, SessionSnapshot, SessionState } from './states.js';
export { SELF_HEALING_DISABLED } from './self-healing.js';
export type { SelfHealingOptions } from './self-healing.js';
export type { RecoveryState } from './recovery.js';
export { backoffDelay } from './backoff.js';
