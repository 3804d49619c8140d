import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { downloadMediaOperation, downloadMessageMedia, validateInput, type OperationContext } from '@wa/core';
import { preferredWaitMs } from '../prefer-wait.js';
import { errorResponseSchemas } from '../schemas.js';

export interface MediaRoutesOptions {
  context: OperationContext;
}

const MIME_TYPE = /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i;

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * `GET /api/media?message_id=`: the raw bytes of a message's media, for scripts (`curl -OJ`). The
 * file came from someone else, so it is always an attachment, sandboxed, never rendered as a page
 * of this origin.
 */
export const mediaRoutes: FastifyPluginAsyncTypebox<MediaRoutesOptions> = async (app, { context }) => {
  app.get(
    '/api/media',
    {
      schema: {
        operationId: 'download_media_file',
        summary: "Streams a message's media file",
        description: `${downloadMediaOperation.description} Answers the file itself with its Content-Type and an attachment Content-Disposition.`,
        tags: ['whatsapp'],
        querystring: downloadMediaOperation.input,
        response: {
          200: { description: 'The file.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          ...errorResponseSchemas([400, 404, 413, 502, 503, 504]),
        },
      },
      // One validation, the catalog's, as on every operation route.
      validatorCompiler: () => (data) => ({ value: data }),
    },
    async (request, reply) => {
      const input = validateInput(downloadMediaOperation, request.query);
      const waitMs = preferredWaitMs(request.headers.prefer);
      const media = await downloadMessageMedia(waitMs === undefined ? context : { ...context, waitMs }, input.message_id);
      return reply
        .header('content-type', MIME_TYPE.test(media.mimetype) ? media.mimetype : 'application/octet-stream')
        .header('content-disposition', attachmentDisposition(media.filename))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-length', media.data.length)
        // The 200 schema documents binary as a string; the body really is the Buffer.
        .send(media.data as never);
    },
  );
};
