import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GatewayError, type Session } from '@wa/core';
import Type from 'typebox';
import { qrPng, qrPngDataUrl } from '../qr/qr-image.js';
import { renderQrPage } from '../qr/qr-page.js';
import { ErrorBodySchema, QrInfoSchema } from '../schemas.js';

export interface QrRoutesOptions {
  session: Session;
}

/** The page needs nothing but its inline PNG and styles. */
const PAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const QR_PAGE_EXAMPLE =
  '<!doctype html><html lang="en"><head><meta http-equiv="refresh" content="5"><title>Link WhatsApp</title></head><body><h1>Link WhatsApp</h1>' +
  '<p id="state">State: <strong>qr</strong> — Waiting for the phone.</p><img id="qr" src="data:image/png;base64,…" alt="WhatsApp QR code"></body></html>';

/** `/qr` (the page of the old service), `/qr.png` and `/api/qr` (the raw strings). */
export const qrRoutes: FastifyPluginAsyncTypebox<QrRoutesOptions> = async (app, { session }) => {
  app.get(
    '/qr',
    {
      schema: {
        operationId: 'qr_page',
        summary: 'A page that shows the QR code to scan',
        description: 'HTML that refreshes itself every 5 s: the QR as an image while one is waiting, the pairing code when one is active, and the state.',
        tags: ['linking'],
        response: {
          200: {
            description: 'The page.',
            content: { 'text/html': { schema: Type.String(), example: QR_PAGE_EXAMPLE } },
          },
        },
      },
    },
    async (_request, reply) => {
      const snapshot = session.snapshot();
      const qrDataUrl = snapshot.qr ? await qrPngDataUrl(snapshot.qr) : null;
      return reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).send(renderQrPage({ snapshot, qrDataUrl }));
    },
  );

  app.get(
    '/qr.png',
    {
      schema: {
        operationId: 'qr_png',
        summary: 'The current QR code as a PNG image',
        tags: ['linking'],
        description: 'The PNG, or 404 `no_qr` in the error shape when no QR is waiting (not started, already linked, or in pairing-code mode).',
        response: {
          200: { description: 'The QR code.', content: { 'image/png': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } },
          404: {
            ...ErrorBodySchema,
            description: 'No QR code is waiting.',
            examples: [{ ok: false, error: { code: 'no_qr', message: 'No QR code is waiting (state ready); start the session first, or it is already linked.' } }],
          },
        },
      },
    },
    async (_request, reply) => {
      const { qr, state } = session.snapshot();
      if (!qr) throw new GatewayError('no_qr', `No QR code is waiting (state ${state}); start the session first, or it is already linked.`);
      const png: Buffer = await qrPng(qr);
      return reply.type('image/png').send(png);
    },
  );

  app.get(
    '/api/qr',
    {
      schema: {
        operationId: 'qr_info',
        summary: 'The raw QR string and the active pairing code',
        description: 'For clients that render the QR themselves. Both values are secrets: anyone holding them can link the account.',
        tags: ['linking'],
        response: { 200: { ...QrInfoSchema, description: 'The current linking material.' } },
      },
    },
    async () => {
      const { state, qr, pairingCode } = session.snapshot();
      const pairing = state === 'qr' && pairingCode ? { code: pairingCode.code, phone_number: pairingCode.phoneNumber, issued_at: new Date(pairingCode.issuedAt).toISOString() } : null;
      return { state, qr, pairing_code: pairing };
    },
  );
};
