import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GatewayError } from '../errors.js';

export const LOCK_FILE = 'gateway.lock';

export interface AuthDirLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * One gateway per auth dir: two processes on one Chromium profile corrupt it. The lock file holds
 * the owner's pid and host; a lock whose process is gone (on this host) is stale and taken over.
 * A lock from another host is honoured: that gateway may be alive on shared storage.
 */
export async function acquireAuthDirLock(authDir: string): Promise<AuthDirLock> {
  await mkdir(authDir, { recursive: true, mode: 0o700 });
  const path = join(authDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      await handle.close();
      return {
        path,
        release: async () => {
          const owner = await readOwner(path);
          if (owner?.pid === process.pid && owner.host === hostname()) await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(path);
      if (owner && owner.host !== hostname()) {
        throw new GatewayError('auth_dir_locked', `${authDir} is in use by a gateway on host ${owner.host} (pid ${owner.pid}); stop it, or delete ${path} if that host is gone.`);
      }
      if (owner && owner.pid !== process.pid && isRunning(owner.pid)) {
        throw new GatewayError('auth_dir_locked', `${authDir} is in use by another gateway (pid ${owner.pid}, since ${owner.since}); stop it or use another WHATSAPP_AUTH_DIR.`);
      }
      await rm(path, { force: true });
    }
  }
  throw new GatewayError('auth_dir_locked', `Could not lock ${authDir}: another gateway keeps taking it.`);
}
