import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearStaleProfileLocks, deleteSavedProfile, ensureAuthDir, hasSavedProfile, profileDir } from './saved-session.js';

describe('the saved profile on disk', () => {
  it('clears the Chromium profile locks a crash leaves behind, and only those', async () => {
    const authDir = mkdtempSync(join(tmpdir(), 'wa-profile-'));
    const profile = profileDir(authDir);
    mkdirSync(profile, { recursive: true });
    for (const name of ['SingletonLock', 'SingletonSocket', 'SingletonCookie', 'Local State']) writeFileSync(join(profile, name), 'x');
    expect(await clearStaleProfileLocks(authDir)).toEqual(['SingletonLock', 'SingletonSocket', 'SingletonCookie']);
    expect(existsSync(join(profile, 'SingletonLock'))).toBe(false);
    expect(existsSync(join(profile, 'Local State'))).toBe(true);
    expect(await clearStaleProfileLocks(authDir)).toEqual([]);
    expect(await hasSavedProfile(authDir)).toBe(true);
    await deleteSavedProfile(authDir);
    expect(await hasSavedProfile(authDir)).toBe(false);
  });

  it('creates the auth dir owner-only and tightens one that is not', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'wa-authdir-'));
    const authDir = join(parent, 'auth');
    await ensureAuthDir(authDir);
    expect(statSync(authDir).mode & 0o777).toBe(0o700);
    const loose = join(parent, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    await ensureAuthDir(loose);
    expect(statSync(loose).mode & 0o777).toBe(0o700);
  });
});
