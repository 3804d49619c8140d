import { randomBytes } from 'node:crypto';

const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTVWXYZ23456789';

/** A QR payload shaped like WhatsApp's (`2@...`), random per call. */
export function newQr(): string {
  return `2@sandbox-${randomBytes(24).toString('base64url')}`;
}

/** Eight characters from WhatsApp's pairing-code alphabet. */
export function newPairingCode(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => PAIRING_ALPHABET[b % PAIRING_ALPHABET.length]).join('');
}
