import type { HostileCase } from './hostile-requests.js';

/** Requests whose framing fetch and node:http refuse to produce, written byte for byte on a fresh socket. */

const TARGETS: ReadonlyArray<[method: string, path: string, body: string]> = [
  ['POST', '/api/send', '{"phone_number":"15551234567","message":"hi"}'],
  ['POST', '/api/auth/start', '{}'],
  ['GET', '/api/status', ''],
  ['GET', '/qr', ''],
  ['POST', '/mcp', '{"jsonrpc":"2.0","id":1,"method":"ping"}'],
];

/**
 * `framing`: the request is not valid HTTP, so a REST-shaped 400 is right even on /mcp.
 * `halfClose`: the request lacks bytes; the client ends its side so the server sees the end.
 */
const raw = (name: string, bytes: string | Buffer, framing = true, halfClose = false): HostileCase => ({
  name: `raw ${name}`,
  request: { method: 'RAW', path: '', raw: bytes, ...(halfClose ? { halfClose } : {}) },
  framing,
});

const line = (method: string, path: string, version = 'HTTP/1.1') => `${method} ${path} ${version}\r\n`;
const HOST = 'Host: localhost\r\n';
const JSON_TYPE = 'Content-Type: application/json\r\n';

function framingCases(method: string, path: string, body: string): HostileCase[] {
  const start = line(method, path);
  const on = `${method} ${path}`;
  const length = Buffer.byteLength(body);
  const withLength = (value: string, payload = body) => `${start}${HOST}${JSON_TYPE}Content-Length: ${value}\r\n\r\n${payload}`;
  const chunked = (chunks: string, extra = '') => `${start}${HOST}${JSON_TYPE}${extra}Transfer-Encoding: chunked\r\n\r\n${chunks}`;
  const cases: HostileCase[] = [
    raw(`${on} Content-Length larger than the body`, withLength(String(length + 50)), true, true),
    raw(`${on} Content-Length smaller than the body`, withLength(String(Math.max(1, length - 5)))),
    raw(`${on} Content-Length zero with a body`, withLength('0')),
    raw(`${on} Content-Length not a number`, withLength('abc')),
    raw(`${on} Content-Length negative`, withLength('-5')),
    raw(`${on} Content-Length with a plus sign`, withLength(`+${length}`)),
    raw(`${on} Content-Length in hex`, withLength(`0x${length.toString(16)}`)),
    raw(`${on} Content-Length of 25 digits`, withLength('9'.repeat(25))),
    raw(`${on} Content-Length with a space inside`, withLength(`${length} 1`)),
    raw(`${on} two different Content-Lengths`, `${start}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nContent-Length: ${length + 1}\r\n\r\n${body}`),
    raw(`${on} two equal Content-Lengths`, `${start}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nContent-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} Transfer-Encoding chunked and Content-Length`, chunked(`${length.toString(16)}\r\n${body}\r\n0\r\n\r\n`, `Content-Length: ${length}\r\n`)),
    raw(`${on} a chunk size that is not hex`, chunked(`zz\r\n${body}\r\n0\r\n\r\n`)),
    raw(`${on} a chunk longer than announced`, chunked(`2\r\n${body}\r\n0\r\n\r\n`)),
    raw(`${on} a chunked body that never ends`, chunked(`${(length + 5).toString(16)}\r\n${body}`), true, true),
    raw(`${on} a 20000-byte chunk extension`, chunked(`${length.toString(16)};${'e'.repeat(20_000)}\r\n${body}\r\n0\r\n\r\n`)),
    raw(`${on} Transfer-Encoding gzip, chunked`, `${start}${HOST}${JSON_TYPE}Transfer-Encoding: gzip, chunked\r\n\r\n${length.toString(16)}\r\n${body}\r\n0\r\n\r\n`),
    raw(`${on} Transfer-Encoding xchunked`, `${start}${HOST}${JSON_TYPE}Transfer-Encoding: xchunked\r\n\r\n${body}`),
    raw(`${on} a control byte in a header value`, `${start}${HOST}X-Junk: a\x01b\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} DEL in a header value`, `${start}${HOST}X-Junk: a\x7fb\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} NUL in a header value`, `${start}${HOST}X-Junk: a\x00b\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} a space before the colon`, `${start}Host : localhost\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} a header name with parentheses`, `${start}${HOST}X(Junk): 1\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} a folded header line`, `${start}${HOST}X-Junk: a\r\n continued\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} bare LF line endings`, `${method} ${path} HTTP/1.1\nHost: localhost\nContent-Type: application/json\nContent-Length: ${length}\n\n${body}`),
    raw(`${on} a CR without LF`, `${start}${HOST}X-Junk: a\rb\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} a 20000-byte header`, `${start}${HOST}X-Big: ${'h'.repeat(20_000)}\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} 3000 headers`, `${start}${HOST}${Array.from({ length: 3000 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} a UTF-8 header value`, Buffer.concat([Buffer.from(`${start}${HOST}X-Name: `), Buffer.from('\u202e💥', 'utf8'), Buffer.from(`\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`)]), false),
    raw(`${on} a UTF-8 session id`, Buffer.concat([Buffer.from(`${start}${HOST}Accept: application/json, text/event-stream\r\nMcp-Session-Id: `), Buffer.from('séssion\u202e', 'utf8'), Buffer.from(`\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`)]), false),
    raw(`${on} Expect 100-continue`, `${start}${HOST}${JSON_TYPE}Expect: 100-continue\r\nContent-Length: ${length}\r\n\r\n${body}`, false),
    raw(`${on} an unknown Expect`, `${start}${HOST}${JSON_TYPE}Expect: the-unexpected\r\nContent-Length: ${length}\r\n\r\n${body}`, false),
    raw(`${on} an Upgrade to websocket`, `${start}${HOST}Connection: Upgrade, close\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`, false),
    raw(`${on} an Upgrade to h2c`, `${start}${HOST}Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`, false),
    raw(`${on} twice, pipelined`, `${start}${HOST}Connection: keep-alive\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}${start}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} then garbage on the same connection`, `${start}${HOST}Connection: keep-alive\r\n${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}GARBAGE\r\n\r\n`),
    raw(`${on} over HTTP/1.0 without Host`, `${line(method, path, 'HTTP/1.0')}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`, false),
    raw(`${on} over HTTP/1.1 without Host`, `${start}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} with an empty Host`, `${start}Host: \r\n${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} with two Hosts`, `${start}${HOST}Host: evil.example\r\n${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} with a Host of 5000 characters`, `${start}Host: ${'h'.repeat(5000)}.example\r\n${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} in absolute form`, `${line(method, `http://localhost${path}`)}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} in absolute form naming another host`, `${line(method, `http://evil.example${path}`)}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} lower-case method`, `${line(method.toLowerCase(), path)}${HOST}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} over HTTP/2.0`, `${line(method, path, 'HTTP/2.0')}${HOST}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} over HTTP/1.9`, `${line(method, path, 'HTTP/1.9')}${HOST}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} with a dot-dot path`, `${line(method, `/api/..${path}`)}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} with a backslash path`, `${line(method, path.replaceAll('/', '\\'))}${HOST}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`, false),
    raw(`${on} with NUL in the path`, `${line(method, `${path}\x00x`)}${HOST}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} with a tab in the path`, `${line(method, `${path}\tx`)}${HOST}${JSON_TYPE}Content-Length: ${length}\r\n\r\n${body}`),
    raw(`${on} with raw UTF-8 in the path`, Buffer.concat([Buffer.from(`${method} ${path}/`), Buffer.from('ñ\u202e', 'utf8'), Buffer.from(` HTTP/1.1\r\n${HOST}${JSON_TYPE}Content-Length: ${length}\r\nConnection: close\r\n\r\n${body}`)])),
  ];
  return cases;
}

function requestLineCases(): HostileCase[] {
  return [
    raw('garbage', 'GARBAGE\r\n\r\n'),
    raw('an empty request line', '\r\n\r\n', true, true),
    raw('an invalid method', `G@T /api/status HTTP/1.1\r\n${HOST}\r\n`),
    raw('an HTTP/0.9 request', 'GET /api/status\r\n', true, true),
    raw('three words too many', `GET /api/status HTTP/1.1 extra\r\n${HOST}\r\n`),
    raw('two spaces in the request line', `GET  /api/status HTTP/1.1\r\n${HOST}\r\n`),
    raw('asterisk form', `OPTIONS * HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`, false),
    { ...raw('CONNECT to another host', `CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`), answerless: 'Node closes CONNECT tunnels when nobody listens for them' },
    raw('TRACE', `TRACE /api/status HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`, false),
    raw('an unknown method', `BREW /api/status HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`),
    raw('a TLS handshake', Buffer.from('160301020001000200', 'hex')),
    raw('an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
    raw('a path without a leading slash', `GET api/status HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`),
    raw('a request line of 20000 characters', `GET /api/status?${'q'.repeat(20_000)} HTTP/1.1\r\n${HOST}\r\n`),
  ];
}

/** Broken framing, invalid bytes and request-line tricks, on REST and MCP routes alike. */
export function hostileRawCases(): HostileCase[] {
  return [...TARGETS.flatMap(([method, path, body]) => framingCases(method, path, body)), ...requestLineCases()];
}
