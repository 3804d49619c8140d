import { toStatus } from './mappers.js';
import { defineOperation } from './operation.js';
import { EXAMPLE_STATUS, NoInputSchema, StatusSchema } from './schemas.js';

export const startAuthOperation = defineOperation({
  name: 'start_auth',
  title: 'Start the session',
  summary: 'Starts the WhatsApp client if it is not running; idempotent.',
  description:
    'Launches the browser and WhatsApp Web when no client runs, resuming a saved session without a QR when one exists. Returns the status: state qr means a QR code is waiting at /qr (or use the pairing code operation); ready means linked. Calling it again while a client runs changes nothing.',
  input: NoInputSchema,
  output: StatusSchema,
  hints: { readOnly: false, destructive: false, idempotent: true, openWorld: false },
  example: { input: {}, output: { ...EXAMPLE_STATUS, state: 'qr', ready: false, authenticated: false, has_qr: true, account: null } },
  handler: async ({ session, config }) => toStatus(await session.start(), config),
});
