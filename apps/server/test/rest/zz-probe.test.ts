import { createSandboxDriverFactory, loadConfig } from '@wa/core';
import { pino } from 'pino';
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { buildServer } from '../../src/build-server.js';

it('probe', async () => {
  const config = loadConfig({ WHATSAPP_DRIVER: 'sandbox', WHATSAPP_AUTH_DIR: '/tmp/wa-probe', WHATSAPP_MCP_PORT: '8790' });
  const factory = createSandboxDriverFactory({ linkDelayMs: 300, echoDelayMs: 10 });
  const { app } = await buildServer({ config, logger: pino({ level: 'silent' }), driverFactory: factory });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  writeFileSync('/tmp/openapi.json', await (await fetch(base + '/openapi.json')).text());
  await app.close();
});
