import { spawn } from 'node:child_process';
import type { BenchConfig } from './config.js';
import { waitFor200 } from './http.js';
import { BASELINE_SCRIPT_PATH, REPO_ROOT, freePort, gatewayEntryArgs, gatewayEnv, stopChild, tempAuthDir } from './processes.js';
import type { StartupResult } from './types.js';

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds from spawn() to the first 200 on `path`, for one cold process (no probe, no IPC). */
async function coldStart(args: string[], env: Record<string, string>, port: number, path: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: 'ignore' });
  const exited = (): string | null => (child.exitCode !== null || child.signalCode !== null ? `the process exited (${child.exitCode ?? child.signalCode})` : null);
  try {
    await waitFor200(`http://127.0.0.1:${port}${path}`, { timeoutMs: 30_000, everyMs: 5, failed: exited });
    return performance.now() - started;
  } finally {
    await stopChild(child);
  }
}

/** Start-up time to the first successful GET /api/status, median of `startupSamples` cold starts; the bare Fastify app alongside. */
export async function measureStartup(config: BenchConfig, log: (line: string) => void): Promise<StartupResult> {
  const samplesMs: number[] = [];
  const baselineSamplesMs: number[] = [];
  for (let i = 0; i < config.startupSamples; i++) {
    const port = await freePort();
    const authDir = tempAuthDir();
    try {
      samplesMs.push(await coldStart(gatewayEntryArgs(config.serverEntry), gatewayEnv(port, authDir.path), port, '/api/status'));
    } finally {
      authDir.remove();
    }
    const basePort = await freePort();
    const env = { PATH: process.env['PATH'] ?? '', BENCH_PORT: String(basePort), BENCH_BODY: '{"ok":true}' };
    baselineSamplesMs.push(await coldStart([BASELINE_SCRIPT_PATH], env, basePort, '/livez'));
  }
  const result = {
    samplesMs,
    medianMs: median(samplesMs),
    baselineSamplesMs,
    baselineMedianMs: median(baselineSamplesMs),
    entry: gatewayEntryArgs(config.serverEntry).join(' '),
  };
  log(`start-up to first GET /api/status: median ${Math.round(result.medianMs)} ms (bare Fastify ${Math.round(result.baselineMedianMs)} ms)`);
  return result;
}
