import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchedLogStream } from './log-stream.js';

const nextTurn = (): Promise<void> => new Promise((done) => setImmediate(done));

describe('batchedLogStream', () => {
  it('writes the lines of one turn of the event loop together, in order, at its end', async () => {
    const writes: string[] = [];
    const stream = batchedLogStream({ write: (chunk) => writes.push(chunk) });
    stream.write('{"n":1}\n');
    stream.write('{"n":2}\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n']);
    stream.write('{"n":3}\n');
    await nextTurn();
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n', '{"n":3}\n']);
  });

  it('writes at once when a turn logs a lot, and on flush', async () => {
    const writes: string[] = [];
    const stream = batchedLogStream({ write: (chunk) => writes.push(chunk) });
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 64; i++) stream.write(line);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(64 * 1024);
    stream.write('{"last":true}\n');
    let flushed = false;
    stream.flush(() => (flushed = true));
    expect(flushed).toBe(true);
    expect(writes.at(-1)).toBe('{"last":true}\n');
    await nextTurn();
    expect(writes).toHaveLength(2);
  });
});

describe('batchedLogStream in a process that ends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-log-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a gateway-like process: pino over the batched stream on stdout, the real crash guards. */
  function run(ending: string): string {
    const script = join(dir, `${Math.random().toString(36).slice(2)}.mts`);
    writeFileSync(
      script,
      `import pinoModule from ${JSON.stringify(createRequire(import.meta.url).resolve('pino'))};
import { batchedLogStream } from ${JSON.stringify(resolve(import.meta.dirname, 'log-stream.ts'))};
import { installCrashGuards } from ${JSON.stringify(resolve(import.meta.dirname, '../crash-guards.ts'))};
const { pino } = pinoModule;
const logger = pino({ level: 'info' }, batchedLogStream(pino.destination({ dest: 1, sync: true })) as never);
installCrashGuards(logger);
for (let i = 0; i < 5; i++) logger.info({ n: i }, 'request');
${ending}
`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: resolve(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 20_000 });
    return child.stdout;
  }

  const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as { n?: number; msg: string; level: number });

  it('writes every pending line when the process exits in the same turn', () => {
    const logged = lines(run('process.exit(0);'));
    expect(logged.map((line) => line.n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('writes every pending line and the fatal one when an uncaught exception ends the process', () => {
    const logged = lines(run("setTimeout(() => logger.info({ n: 5 }, 'request'));\nsetTimeout(() => { throw new Error('boom'); }, 5);"));
    expect(logged.map((line) => line.n ?? line.msg)).toEqual([0, 1, 2, 3, 4, 5, 'uncaught exception; exiting']);
    expect(logged.at(-1)?.level).toBe(60);
  });
});
