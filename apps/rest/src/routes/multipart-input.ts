import { GatewayError } from '@wa/core';
import type { FastifyRequest } from 'fastify';

/** The multipart form field that carries the file. */
export const FILE_FIELD = 'file';

/**
 * Reads a multipart/form-data upload into the operation's JSON input: text fields as they are, the
 * file as `media` (base64, with the part's type and name). One file at most; an oversized file is
 * a 413 in the one error shape.
 */
export async function multipartInput(request: FastifyRequest, maxBytes: number): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  try {
    for await (const part of request.parts({ limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== FILE_FIELD) {
          part.file.resume();
          throw new GatewayError('invalid_input', `Upload the file in the form field "${FILE_FIELD}", not "${part.fieldname}".`, { details: { field: part.fieldname } });
        }
        const data = await part.toBuffer();
        const declared = part.mimetype && part.mimetype !== 'application/octet-stream' ? { mimetype: part.mimetype } : {};
        input['media'] = { data_base64: data.toString('base64'), ...declared, ...(part.filename ? { filename: part.filename } : {}) };
      } else if (typeof part.value === 'string') {
        input[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw asGatewayError(error, maxBytes);
  }
  if (input['media'] === undefined) {
    throw new GatewayError('invalid_media', `The form has no file: upload it in the field "${FILE_FIELD}".`, { details: { field: FILE_FIELD } });
  }
  return input;
}

/** Everything that goes wrong while reading the form is the form's fault: a 4xx, never a 500. */
function asGatewayError(error: unknown, maxBytes: number): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new GatewayError('media_too_large', `The uploaded file is larger than the limit of ${maxBytes} bytes (WHATSAPP_MEDIA_MAX_BYTES).`, { details: { field: FILE_FIELD, max_bytes: maxBytes } });
  }
  if (code === 'FST_FILES_LIMIT') return new GatewayError('invalid_input', 'Upload one file per message.', { details: { field: FILE_FIELD } });
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return new GatewayError('invalid_input', 'The form has too many fields.');
  const reason = error instanceof Error ? ` (${error.message.slice(0, 120)})` : '';
  return new GatewayError('invalid_input', `The multipart form could not be read${reason}; send a well-formed multipart/form-data body with a boundary.`);
}
