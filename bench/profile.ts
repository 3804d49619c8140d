import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchConfig, CaseName } from './config.js';
import { request, sleep } from './http.js';
import { gatewayRequest, runLoad } from './load.js';
import { closeSession, openSession } from './mcp-client.js';
import { startGatewayProcess } from './processes.js';
import type { RunStats } from './types.js';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface FrameTime {
  frame: string;
  selfMs: number;
  /** Share of all sampled time except (idle). */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  frames: FrameTime[];
  packages: FrameTime[];
  /** The same without the write system calls (shares of what is left). */
  withoutWrites: { totalMs: number; frames: FrameTime[]; packages: FrameTime[] };
}

/**
 * V8's profiler samples wall-clock time: a sample taken while the thread is inside a socket or log
 * write charges that frame with the kernel's loopback path, the waking of the load generator and
 * any wait for a CPU. Leaving those frames out shows how the JavaScript side's own time is spread.
 */
const WRITE_CALLS = new Set(['writev', 'writeString', 'writeUtf8String', 'writeBuffer']);

/** `node_modules/.pnpm/x/node_modules/@scope/name/...` -> `@scope/name`; our code -> its path; node internals -> `node`. */
export function packageOf(url: string): string {
  if (url === '') return '(v8)';
  if (url.startsWith('node:')) return 'node';
  const parts = url.split('/node_modules/');
  if (parts.length > 1) {
    const tail = parts[parts.length - 1]!.split('/');
    return tail[0]!.startsWith('@') ? `${tail[0]}/${tail[1]}` : tail[0]!;
  }
  const app = /\/((?:apps|packages)\/[^/]+)\//.exec(url);
  return app ? app[1]! : url;
}

function shortUrl(url: string): string {
  const parts = url.split('/node_modules/');
  const tail = parts[parts.length - 1] ?? url;
  return tail.replace(/^file:\/\/.*?\/((?:apps|packages)\/)/, '$1');
}

/** Self time per frame and per package from a V8 .cpuprofile (the sample's time delta is charged to its node). */
export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const all = { frames: new Map<string, number>(), packages: new Map<string, number>(), total: 0 };
  const js = { frames: new Map<string, number>(), packages: new Map<string, number>(), total: 0 };
  const add = (into: typeof all, frame: string, pkg: string, ms: number): void => {
    into.frames.set(frame, (into.frames.get(frame) ?? 0) + ms);
    into.packages.set(pkg, (into.packages.get(pkg) ?? 0) + ms);
    into.total += ms;
  };
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = (profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0) / 1000;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const frame = url ? `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}` : functionName;
    add(all, frame, packageOf(url), delta);
    if (!WRITE_CALLS.has(functionName)) add(js, frame, packageOf(url), delta);
  });
  const ranked = (map: Map<string, number>, total: number): FrameTime[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, selfMs]) => ({ frame, selfMs, share: total > 0 ? selfMs / total : 0 }));
  return {
    totalMs: all.total,
    frames: ranked(all.frames, all.total),
    packages: ranked(all.packages, all.total),
    withoutWrites: { totalMs: js.total, frames: ranked(js.frames, js.total), packages: ranked(js.packages, js.total) },
  };
}

export function formatSummary(summary: ProfileSummary): string {
  const row = (f: FrameTime): string => `${(f.share * 100).toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.frame}`;
  const js = summary.withoutWrites;
  return [
    `busy time sampled: ${summary.totalMs.toFixed(0)} ms`,
    '',
    'self time by package:',
    ...summary.packages.map(row),
    '',
    'top self-time frames:',
    ...summary.frames.map(row),
    '',
    `without the write system calls (${js.totalMs.toFixed(0)} ms): self time by package:`,
    ...js.packages.map(row),
    '',
    'top self-time frames without the write system calls:',
    ...js.frames.map(row),
  ].join('\n');
}

/**
 * Runs one case against a gateway started with `node --cpu-prof`, stops it (the profile is written
 * at exit) and summarises the profile. Start-up and linking are in the profile too, but a few
 * seconds of load dominate it.
 */
export async function profileCase(
  name: CaseName,
  options: { entry: BenchConfig['serverEntry']; connections: number; durationMs: number; logLevel?: string | null; keepProfileIn?: string },
): Promise<{ run: RunStats; summary: ProfileSummary; profilePath: string }> {
  const dir = options.keepProfileIn ?? mkdtempSync(join(tmpdir(), 'wa-bench-prof-'));
  const env: Record<string, string> = options.logLevel ? { WHATSAPP_LOG_LEVEL: options.logLevel } : {};
  const gateway = await startGatewayProcess({ entry: options.entry, env, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let run: RunStats;
  try {
    await request(`${gateway.base}/api/auth/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await sleep(300);
    const sessionId = name === 'mcp_session' ? await openSession(gateway.base) : undefined;
    run = await runLoad(gateway, gatewayRequest(name, sessionId), options.connections, options.durationMs);
    if (sessionId) await closeSession(gateway.base, sessionId);
  } finally {
    await gateway.stop();
  }
  const file = readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const profilePath = join(dir, file);
  const summary = summariseProfile(JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile);
  if (!options.keepProfileIn) rmSync(dir, { recursive: true, force: true });
  return { run, summary, profilePath };
}
