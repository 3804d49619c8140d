import { toStatus } from './mappers.js';
import { defineOperation } from './operation.js';
import { EXAMPLE_STATUS, NoInputSchema, StatusSchema } from './schemas.js';

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
  handler: async ({ session, config }) => toStatus(session.snapshot(), config),
});
