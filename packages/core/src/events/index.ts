export { EventLog } from './event-log.js';
export type { EventLogOptions, EventPage } from './event-log.js';
export { ACK_NAMES, EVENT_TYPES, matches } from './gateway-event.js';
export type { EventFilter, EventType, GatewayEvent } from './gateway-event.js';
export { recordSessionEvents } from './record-session-events.js';
export { TypedEmitter } from './typed-emitter.js';
