import { isGatewayError } from '@wa/core';
import { HTTP_STATUS_BY_KIND } from './error-status.js';

export interface ErrorBody {
  ok: false;
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export interface ErrorReply {
  statusCode: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  validation?: unknown;
}

/** Fastify's own client errors (bad JSON, too large, wrong content type) mapped to stable codes. */
const FASTIFY_CODES: Readonly<Record<string, { code: string; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The request has a JSON content type but an empty body.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_input', message: 'The Content-Length header does not match the body.' },
};

/**
 * Builds the one error shape `{ ok: false, error: { code, message } }` for anything thrown while
 * serving a request. Our own faults answer `internal_error` without details; the caller logs them.
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (isGatewayError(error)) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    return {
      statusCode: HTTP_STATUS_BY_KIND[error.kind],
      headers,
      body: { ok: false, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    };
  }
  const fastifyError = error as FastifyLikeError;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  const status = fastifyError.statusCode;
  if (known && status && status >= 400 && status < 500) {
    return { statusCode: status, headers: {}, body: { ok: false, error: known } };
  }
  if (fastifyError.validation) {
    return { statusCode: 400, headers: {}, body: { ok: false, error: { code: 'invalid_input', message: fastifyError.message ?? 'Invalid input.' } } };
  }
  if (status && status >= 400 && status < 500) {
    return { statusCode: status, headers: {}, body: { ok: false, error: { code: 'bad_request', message: fastifyError.message ?? 'Bad request.' } } };
  }
  return {
    statusCode: 500,
    headers: {},
    body: { ok: false, error: { code: 'internal_error', message: 'The gateway hit an internal error; it was logged. Retry, and report it if it persists.' } },
  };
}
