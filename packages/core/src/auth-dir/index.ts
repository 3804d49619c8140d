export { LOCK_FILE, acquireAuthDirLock } from './auth-dir-lock.js';
export type { AuthDirLock } from './auth-dir-lock.js';
