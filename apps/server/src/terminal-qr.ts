import type { Session } from '@wa/core';
import { qrTerminal } from '@wa/rest';

/**
 * Prints each new QR to the terminal, as the old service did, for operators watching the console.
 * Written to stderr directly: QR strings never go through the logger.
 */
export function printQrCodes(session: Session, output: NodeJS.WritableStream = process.stderr): void {
  session.on('qr', (qr) => {
    qrTerminal(qr).then(
      (art) => output.write(`\nScan this QR with WhatsApp (Settings > Linked devices > Link a device), or open /qr:\n${art}\n`),
      () => undefined,
    );
  });
}
