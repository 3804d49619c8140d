import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, acquireAuthDirLock } from './auth-dir-lock.js';

describe('the auth-dir lock', () => {
  it('takes over a lock whose process is gone and releases only its own', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-lock-unit-'));
    writeFileSync(join(authDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-01-01T00:00:00Z' }));
    const lock = await acquireAuthDirLock(authDir);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await lock.release();
    await expect(acquireAuthDirLock(authDir).then((again) => again.release())).resolves.toBeUndefined();
  });

  it('refuses a lock held by a live process, or by another host', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-lock-unit-'));
    writeFileSync(join(authDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-01-01T00:00:00Z' }));
    await expect(acquireAuthDirLock(authDir)).rejects.toMatchObject({ code: 'auth_dir_locked', message: expect.stringContaining(`pid ${process.ppid}`) });
    writeFileSync(join(authDir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-host', since: '2026-01-01T00:00:00Z' }));
    await expect(acquireAuthDirLock(authDir)).rejects.toMatchObject({ message: expect.stringContaining('on host other-host') });
  });
});
