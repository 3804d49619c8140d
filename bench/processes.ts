import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchConfig } from './config.js';
import { waitFor200 } from './http.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
const PROBE_URL = pathToFileURL(join(REPO_ROOT, 'bench/children/probe.mjs')).href;
const BASELINE_SCRIPT = join(REPO_ROOT, 'bench/children/baseline.mjs');

/** What the probe preloaded into a server process reports about that process. */
export interface ProcessUsage {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
  gcAvailable: boolean;
  driverModules?: string[];
}

export interface ServerProcess {
  name: string;
  pid: number;
  base: string;
  usage(): Promise<ProcessUsage>;
  /** Forced full GC (needs `--expose-gc`), then usage. */
  collectGarbage(): Promise<ProcessUsage>;
  /** whatsapp-web.js / puppeteer modules loaded in the process. */
  driverModules(): Promise<string[]>;
  /** The last few KB of stderr. */
  errors(): string;
  stop(): Promise<void>;
}

/** A port nobody listens on right now (loopback only). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Node arguments that run the gateway's real entry point, compiled or from source. */
export function gatewayEntryArgs(entry: BenchConfig['serverEntry'], root = REPO_ROOT): string[] {
  if (entry === 'dist') return [join(root, 'apps/server/dist/main.js')];
  return ['--conditions=@wa/source', '--import', 'tsx', join(root, 'apps/server/src/main.ts')];
}

/** Environment of a sandbox gateway on `port` with a fresh auth dir. */
export function gatewayEnv(port: number, authDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmpdir(),
    WHATSAPP_DRIVER: 'sandbox',
    WHATSAPP_AUTH_DIR: authDir,
    WHATSAPP_MCP_HOST: '127.0.0.1',
    WHATSAPP_MCP_PORT: String(port),
    WHATSAPP_PRINT_QR: 'false',
    WHATSAPP_SANDBOX_LINK_DELAY_MS: '20',
    ...extra,
  };
}

export function tempAuthDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'wa-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

interface SpawnProbedOptions {
  name: string;
  nodeArgs: string[];
  scriptArgs: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  cleanup?: () => void;
}

/** Spawns a server with the probe preloaded and an IPC channel, and waits until `readyPath` answers 200. */
async function spawnProbed(options: SpawnProbedOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...options.nodeArgs, '--import', PROBE_URL, ...options.scriptArgs], {
    cwd: REPO_ROOT,
    env: options.env,
    // stdout (the gateway's JSON log lines) goes to /dev/null: the cheapest sink a real deployment has.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  let nextId = 0;
  const waiting = new Map<number, (usage: ProcessUsage) => void>();
  child.on('message', (message: { bench?: boolean; id?: number } & ProcessUsage) => {
    if (message?.bench !== true || typeof message.id !== 'number') return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const ask = (op: 'usage' | 'gc' | 'modules'): Promise<ProcessUsage> =>
    new Promise((resolveAsk, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${options.name} did not answer "${op}"`)), 15_000);
      waiting.set(id, (usage) => {
        clearTimeout(timer);
        resolveAsk(usage);
      });
      child.send({ bench: true, id, op });
    });
  const exitReason = (): string | null =>
    child.exitCode !== null || child.signalCode !== null ? `${options.name} exited (${child.exitCode ?? child.signalCode}):\n${stderr}` : null;
  const base = `http://127.0.0.1:${options.port}`;
  try {
    await waitFor200(`${base}${options.readyPath}`, { timeoutMs: 30_000, everyMs: 20, failed: exitReason });
  } catch (error) {
    await stopChild(child, 1000);
    options.cleanup?.();
    throw error;
  }
  return {
    name: options.name,
    pid: child.pid ?? -1,
    base,
    usage: () => ask('usage'),
    collectGarbage: () => ask('gc'),
    driverModules: async () => (await ask('modules')).driverModules ?? [],
    errors: () => stderr,
    stop: async () => {
      await stopChild(child);
      options.cleanup?.();
    },
  };
}

export interface GatewayStart {
  entry: BenchConfig['serverEntry'];
  /** Another built checkout of the repo to run the gateway of (`bench/compare.ts`); this one by default. */
  root?: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

/** The gateway's real entry point on the sandbox driver, in its own process. */
export async function startGatewayProcess(options: GatewayStart): Promise<ServerProcess> {
  const port = await freePort();
  const authDir = tempAuthDir();
  return spawnProbed({
    name: 'gateway',
    nodeArgs: options.nodeArgs ?? [],
    scriptArgs: gatewayEntryArgs(options.entry, options.root),
    env: gatewayEnv(port, authDir.path, options.env),
    port,
    readyPath: '/api/status',
    cleanup: authDir.remove,
  });
}

/** The bare Fastify baseline answering `body` (JSON text) on GET /. */
export async function startBaselineProcess(body: string, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  return spawnProbed({
    name: 'baseline',
    nodeArgs,
    scriptArgs: [BASELINE_SCRIPT],
    env: { PATH: process.env['PATH'] ?? '', BENCH_PORT: String(port), BENCH_BODY: body },
    port,
    readyPath: '/livez',
  });
}

export const BASELINE_SCRIPT_PATH = BASELINE_SCRIPT;
