import { createSandboxDriverFactory, loadConfig } from '@wa/core';
import { pino } from 'pino';
import { connect } from 'node:net';
import { buildServer } from '../../src/build-server.js';

const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-probe', WHATSAPP_ALLOWED_ORIGINS: 'https://ok.example', ...(process.env.TOK ? { WHATSAPP_API_TOKEN: process.env.TOK } : {}) });
const factory = createSandboxDriverFactory({ linkDelayMs: 60000, echoDelayMs: 10 });
const lines: string[] = [];
const gw = await buildServer({ config, logger: pino({ level: 'trace' }, { write: (s: string) => { lines.push(s); } } as any), driverFactory: factory });
const base = await gw.app.listen({ host: '127.0.0.1', port: 0 });
const port = Number(new URL(base).port);

function raw(text: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('error', () => resolve(out + ' [error]'));
    socket.on('close', () => resolve(out));
    socket.write(text);
    setTimeout(() => { socket.end(); }, 300);
  });
}
const show = (s: string) => console.log(s.replace(/\r\n/g, ' | ').slice(0, 500), '\n---');
show(await raw('GET /api/status HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.0\r\n\r\n'));
show(await raw('GET /api/../api/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/%2e%2e/api/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\x01b\r\nConnection: close\r\n\r\n'));
show(await raw('POST /api/send HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{"a":1}'));
show(await raw('POST /api/send HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{"a":1}'));
show(await raw('POST /api/send HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{"a":1}'));
show(await raw('POST /api/send HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 7\r\nContent-Length: 8\r\nConnection: close\r\n\r\n{"a":1}'));
show(await raw('POST /api/send HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 7\r\nConnection: close\r\n\r\n7\r\n{"a":1}\r\n0\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer SECRETSECRETSECRET\r\nX-Big: ' + 'a'.repeat(20000) + '\r\nConnection: close\r\n\r\n'));
show(await raw('GARBAGE\r\n\r\n'));
show(await raw('GET /\x00 HTTP/1.1\r\nHost: localhost\r\n\r\n'));
show(await raw('OPTIONS /api/send HTTP/1.1\r\nHost: localhost\r\nOrigin: https://ok.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n'));
show(await raw('OPTIONS /api/send HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n'));
show(await raw('OPTIONS /api/send HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n'));
show(await raw('OPTIONS /nothing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nHost: localhost:\r\nConnection: close\r\n\r\n'));
show(await raw('GET /api/status HTTP/1.1\r\nHost: localhost@evil.example\r\nConnection: close\r\n\r\n'));
show(await raw('GET http://evil.example/api/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
await gw.app.close();
for (const l of lines) if (l.includes("client")) console.log(l.slice(0, 700));
console.log(lines.length);
