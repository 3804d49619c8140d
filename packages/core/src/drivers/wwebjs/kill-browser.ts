/** True while a process with this pid exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes sure a browser process is gone: SIGTERM, a short grace period, then SIGKILL.
 * Returns true when the process was still running and had to be signalled.
 */
export async function killBrowserProcess(pid: number | undefined, graceMs = 2000): Promise<boolean> {
  if (!pid || !isProcessAlive(pid)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone between the check and the signal.
  }
  return true;
}
