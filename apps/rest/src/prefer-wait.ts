/** The longest wait a caller may ask for, in seconds. */
const MAX_WAIT_SECONDS = 120;

/**
 * Reads RFC 7240 `Prefer: wait=<seconds>`: how long the caller is willing to wait for the session
 * to become ready. Returns milliseconds, or undefined for the configured default.
 */
export function preferredWaitMs(prefer: string | string[] | undefined): number | undefined {
  const header = Array.isArray(prefer) ? prefer.join(',') : prefer;
  if (!header) return undefined;
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d{1,6})"?/i.exec(header);
  if (!match) return undefined;
  return Math.min(Number(match[1]), MAX_WAIT_SECONDS) * 1000;
}
