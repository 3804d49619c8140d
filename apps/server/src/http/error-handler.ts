import { toErrorReply } from '@wa/rest';
import type { FastifyInstance } from 'fastify';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { SECURITY_HEADERS } from './security-headers.js';

/** Every error leaves in the one error shape; only our own faults are logged as errors. */
export function answerErrorsInOneShape(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toErrorReply(error);
    if (mapped.body.error.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    // Not `code`: the logger redacts every `code` field (pairing codes), which hid the error code.
    else request.log.info({ error_code: mapped.body.error.code, status: mapped.statusCode }, 'request refused');
    return reply.code(mapped.statusCode).headers(mapped.headers).send(mapped.body);
  });
  answerMalformedHttpInOneShape(app);
}

const MALFORMED: Readonly<Record<string, [status: number, code: string, message: string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request line and headers are too large; send a shorter URL and fewer or smaller headers.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request did not arrive in time; send it again.'],
};
const NOT_HTTP: [number, string, string] = [400, 'bad_request', 'The request is not valid HTTP/1.1 (request line, headers or body framing).'];

function errorBody(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { code, message } });
}

/**
 * Requests Node's HTTP parser rejects (broken framing, invalid header bytes, headers over the size
 * limit) and expectations it cannot meet never reach Fastify's hooks. They are answered here in
 * the same error shape with the same security headers. Only the error code is logged: the parser
 * error's `rawPacket` holds the request bytes, Authorization header included.
 */
function answerMalformedHttpInOneShape(app: FastifyInstance): void {
  const server = app.server;
  server.removeAllListeners('clientError');
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] = MALFORMED[error.code ?? ''] ?? NOT_HTTP;
    app.log.debug({ http_error: error.code, status }, 'malformed HTTP request refused');
    const answering = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (socket.writable && !answering?.headersSent) {
      const body = errorBody(code, message);
      const headers = { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`);
    }
    socket.destroy();
  });
  // Node answers an unknown `Expect` with a bare 417 unless someone listens.
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const body = errorBody('expectation_failed', 'The Expect header is not supported; send the request without it (or with Expect: 100-continue).');
    response.writeHead(417, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
}
