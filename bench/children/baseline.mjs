// The baseline: a bare Fastify app (the same Fastify the gateway uses, resolved from apps/server)
// with one JSON route answering BENCH_BODY, a JSON object of the same size as the gateway's status
// body. No hooks, no logger, no schema: what "a bare Fastify JSON route" means in the budgets.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const serverPackage = fileURLToPath(new URL('../../apps/server/package.json', import.meta.url));
const Fastify = createRequire(serverPackage)('fastify');

const body = JSON.parse(process.env.BENCH_BODY ?? '{"ok":true}');
const port = Number(process.env.BENCH_PORT ?? '0');

const app = Fastify({ logger: false });
app.get('/', async () => body);
app.get('/livez', async () => ({ ok: true }));

await app.listen({ host: '127.0.0.1', port });
const shutdown = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
