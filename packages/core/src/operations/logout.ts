import { defineOperation } from './operation.js';
import { NoInputSchema, OkSchema } from './schemas.js';

export const logoutOperation = defineOperation({
  name: 'logout',
  title: 'Log out and unlink',
  summary: 'Unlinks this device from the WhatsApp account and deletes the saved session.',
  description:
    'Destructive: the device disappears from the phone\'s Linked devices and linking again needs a new QR scan or pairing code. Only call when the user explicitly asks to unlink. Ends in state stopped.',
  input: NoInputSchema,
  output: OkSchema,
  hints: { readOnly: false, destructive: true, idempotent: true, openWorld: false },
  example: { input: {}, output: { ok: true } },
  handler: async ({ session }) => {
    await session.logout();
    return { ok: true as const };
  },
});
