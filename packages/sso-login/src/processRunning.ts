/**
 * Whether process `pid` of this machine still runs (EPERM: it does, as another user). Anything that is not a pid
 * counts as running: only a process known to have ended lets another take over what it left.
 */
export function processRunning(pid: unknown): boolean {
  if (!Number.isInteger(pid) || (pid as number) <= 0) return true;
  try {
    process.kill(pid as number, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
