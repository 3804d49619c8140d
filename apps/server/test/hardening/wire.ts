import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** One request as the hostile client sends it. */
export interface WireRequest {
  method: string;
  /** Path and query exactly as written on the request line. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * The exact bytes to write on a fresh socket instead (framing tricks that fetch and node:http
   * refuse to send). Must hold a request line ending in CRLF; extra headers go right after it.
   * A complete raw request should say `Connection: close`: the answer is read until the server closes.
   */
  raw?: string | Buffer;
  /**
   * Raw requests that lack bytes (a short body, an unfinished chunked body): the client half-closes
   * right after writing, so the server reads the end and answers. Half-closing a complete request
   * would make Node drop the answer, so it is only done here.
   */
  halfClose?: boolean;
}

/** One HTTP answer read off the socket. */
export interface WireResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

const TIMEOUT_MS = 5000;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends one request over the real socket; raw requests may get several answers (pipelined garbage). */
export async function send(port: number, request: WireRequest, extraHeaders: Record<string, string> = {}): Promise<WireResponse[]> {
  if (request.raw !== undefined) {
    const bytes = Buffer.isBuffer(request.raw) ? request.raw : Buffer.from(request.raw, 'latin1');
    // Read until the server closes: a request that does not say how to end the connection gets `close`.
    const close: Record<string, string> = /\r\nconnection:/i.test(bytes.toString('latin1')) ? {} : { connection: 'close' };
    return sendRaw(port, withHeaders(bytes, { ...extraHeaders, ...close }), request.halfClose === true);
  }
  try {
    return [await sendHttp(port, request, extraHeaders)];
  } catch (error) {
    // A kept-alive socket the server closed after its last answer: retry once on a new one.
    if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
    return [await sendHttp(port, request, extraHeaders)];
  }
}

/** Inserts `name: value` lines after the request line of a raw request. */
export function withHeaders(raw: string | Buffer, headers: Record<string, string>): Buffer {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'latin1');
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  if (lines === '') return bytes;
  const end = bytes.indexOf('\r\n');
  if (end === -1) return bytes;
  return Buffer.concat([bytes.subarray(0, end + 2), Buffer.from(lines, 'latin1'), bytes.subarray(end + 2)]);
}

function sendHttp(port: number, request: WireRequest, extraHeaders: Record<string, string>): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...request.headers, ...extraHeaders };
    if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);
    let answered = false;
    const req = httpRequest({ host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    // The server may answer (413) and close before a large body is written: the answer counts.
    req.on('error', (error) => {
      if (!answered) reject(Object.assign(error, { reusedSocket: req.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET' }));
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function sendRaw(port: number, bytes: Buffer, halfClose: boolean): Promise<WireResponse[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new Error(`the server did not close the connection within ${TIMEOUT_MS} ms`));
        return;
      }
      const received = Buffer.concat(chunks);
      if (received.length === 0) {
        reject(error ?? new Error('the connection closed without an answer'));
        return;
      }
      try {
        resolve(parseResponses(received));
      } catch (parseError) {
        reject(parseError);
      }
    };
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
    if (halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

/** Parses HTTP/1.1 answers written back to back (content-length, chunked, or until close). */
export function parseResponses(data: Buffer): WireResponse[] {
  const responses: WireResponse[] = [];
  let offset = 0;
  while (offset < data.length) {
    const headEnd = data.indexOf('\r\n\r\n', offset);
    if (headEnd === -1) throw new Error(`an unparseable answer: ${JSON.stringify(data.subarray(offset, offset + 200).toString('latin1'))}`);
    const [statusLine = '', ...headerLines] = data.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!status) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let cursor = headEnd + 4;
    let body: Buffer;
    if (Number(status[1]) < 200) {
      body = Buffer.alloc(0);
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      for (;;) {
        const sizeEnd = data.indexOf('\r\n', cursor);
        if (sizeEnd === -1) throw new Error('a chunked answer ended early');
        const size = Number.parseInt(data.subarray(cursor, sizeEnd).toString('latin1'), 16);
        cursor = sizeEnd + 2;
        if (size === 0) {
          const trailerEnd = data.indexOf('\r\n', cursor);
          cursor = trailerEnd === -1 ? data.length : trailerEnd + 2;
          break;
        }
        parts.push(data.subarray(cursor, cursor + size));
        cursor += size + 2;
      }
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      body = data.subarray(cursor, cursor + length);
      cursor += length;
    } else {
      body = data.subarray(cursor);
      cursor = data.length;
    }
    const code = Number(status[1]);
    // An interim answer (100 Continue) has no body and is followed by the real one.
    if (code >= 200) responses.push({ status: code, headers, body });
    offset = cursor;
  }
  return responses;
}

/** The Server-Sent Events of a stream body: the data of each event, joined per event. */
export function sseData(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data !== '');
}
