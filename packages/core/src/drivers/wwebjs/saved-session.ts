import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** LocalAuth keeps the Chromium profile of clientId `default` here. */
export function profileDir(authDir: string): string {
  return join(authDir, 'session-default');
}

/** A profile with content means a linked session that can be restored without a QR. */
export async function hasSavedProfile(authDir: string): Promise<boolean> {
  try {
    const entries = await readdir(profileDir(authDir));
    return entries.length > 0;
  } catch {
    return false;
  }
}

export async function deleteSavedProfile(authDir: string): Promise<void> {
  await rm(profileDir(authDir), { recursive: true, force: true, maxRetries: 3 });
}

/** The auth dir holds linked-device keys: owner-only from the start. */
export async function ensureAuthDir(authDir: string): Promise<void> {
  await mkdir(authDir, { recursive: true, mode: 0o700 });
  const info = await stat(authDir);
  if (!info.isDirectory()) throw new Error(`${authDir} exists and is not a directory`);
  if ((info.mode & 0o077) !== 0) await chmod(authDir, 0o700);
}

/** Chromium's own profile locks; a crash (or a container recreated on another host) leaves them behind. */
const SINGLETON_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'];

export async function clearStaleProfileLocks(authDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of SINGLETON_FILES) {
    const path = join(profileDir(authDir), name);
    try {
      await rm(path, { force: false });
      removed.push(name);
    } catch {
      // Not there: nothing to clear.
    }
  }
  return removed;
}
