import type { SessionSnapshot } from '@wa/core';
import { escapeHtml } from './escape-html.js';

export const QR_REFRESH_SECONDS = 5;

export interface QrPageInput {
  snapshot: SessionSnapshot;
  /** The QR as a PNG data URL, when one is waiting. */
  qrDataUrl: string | null;
}

const STATE_TEXT: Readonly<Record<SessionSnapshot['state'], string>> = {
  stopped: 'Stopped. Start the session (POST /api/auth/start) to get a QR code.',
  starting: 'Starting WhatsApp Web…',
  qr: 'Waiting for the phone.',
  authenticated: 'Linked. Syncing chats…',
  ready: 'Ready: this device is linked.',
  auth_failure: 'Linking failed. Start again to get a new QR code.',
  disconnected: 'Disconnected. Start again to reconnect.',
};

/**
 * The `/qr` page: server-rendered, refreshes itself every 5 s, the QR inline as a PNG so one
 * authenticated request carries everything. All dynamic text is escaped.
 */
export function renderQrPage({ snapshot, qrDataUrl }: QrPageInput): string {
  const pairing = snapshot.state === 'qr' ? snapshot.pairingCode : null;
  const parts: string[] = [`<p class="state" id="state">State: <strong>${escapeHtml(snapshot.state)}</strong> — ${escapeHtml(STATE_TEXT[snapshot.state])}</p>`];
  if (snapshot.lastError) parts.push(`<p class="error" id="last-error">Last error: ${escapeHtml(snapshot.lastError)}</p>`);
  if (pairing) {
    parts.push(
      `<p>Pairing code for +${escapeHtml(pairing.phoneNumber)}:</p><p class="code" id="pairing-code">${escapeHtml(pairing.code)}</p>`,
      '<p>On the phone: WhatsApp &gt; Settings &gt; Linked devices &gt; Link a device &gt; Link with phone number instead, then type the code.</p>',
    );
  }
  if (qrDataUrl) {
    parts.push(
      `<img id="qr" src="${escapeHtml(qrDataUrl)}" alt="WhatsApp QR code" width="296" height="296">`,
      '<p>On the phone: WhatsApp &gt; Settings &gt; Linked devices &gt; Link a device, then point the camera at this code.</p>',
    );
  } else if (!pairing) {
    parts.push('<p id="no-qr">No QR yet.</p>');
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="${QR_REFRESH_SECONDS}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Link WhatsApp</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
img { image-rendering: pixelated; border: 1px solid #ddd; }
.code { font: 700 2rem/1 ui-monospace, monospace; letter-spacing: .2em; }
.error { color: #a40000; }
</style>
</head>
<body>
<h1>Link WhatsApp</h1>
${parts.join('\n')}
<p><small>This page refreshes every ${QR_REFRESH_SECONDS} seconds. Anyone who sees the code can take over the account: do not share it.</small></p>
</body>
</html>
`;
}
