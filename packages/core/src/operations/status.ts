import type { GatewayConfig } from '../config/index.js';
import type { Session, SessionSnapshot } from '../session/index.js';
import { sameJson } from '../util/same-json.js';
import { toStatus } from './mappers.js';
import { defineOperation } from './operation.js';
import { EXAMPLE_STATUS, NoInputSchema, StatusSchema, type Status } from './schemas.js';

interface LastStatus {
  snapshot: SessionSnapshot;
  config: Readonly<GatewayConfig>;
  status: Status;
}

/** Per session: the last status and the snapshot it was made from. */
const lastStatuses = new WeakMap<Session, LastStatus>();

/**
 * The status is a pure function of the session's snapshot and the config, and it changes only
 * when the session does, while scripts and probes poll it many times a second. The last one is
 * kept per session and answered again, the same frozen object, while the snapshot is unchanged:
 * no `toStatus` and date formatting per call, and a transport can tell an unchanged status by
 * identity (REST sends the JSON text it made last time).
 */
function currentStatus(session: Session, config: Readonly<GatewayConfig>): Status {
  const snapshot = session.snapshot();
  const last = lastStatuses.get(session);
  if (last !== undefined && last.config === config && sameJson(last.snapshot, snapshot)) return last.status;
  const status = toStatus(snapshot, config);
  if (status.account) Object.freeze(status.account);
  lastStatuses.set(session, { snapshot, config, status: Object.freeze(status) });
  return status;
}

export const statusOperation = defineOperation({
  name: 'status',
  title: 'Session status',
  summary: 'The state of the WhatsApp session; never starts the browser.',
  description:
    'Returns the session state (stopped, starting, qr, authenticated, ready, auth_failure, disconnected), the linked account while ready, and the last error. Cheap and side-effect free: call it first to decide whether to start linking or to send.',
  input: NoInputSchema,
  output: StatusSchema,
  hints: { readOnly: true, destructive: false, idempotent: true, openWorld: false },
  example: { input: {}, output: EXAMPLE_STATUS },
  // The answer is frozen and shared by every caller until the session changes.
  handler: async ({ session, config }) => currentStatus(session, config),
});
