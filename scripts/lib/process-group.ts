/**
 * Children started in their own process group (`detached: true`), so that stopping one also stops
 * what it started (wrangler starts workerd, a runtime launcher its server). Shared by the test
 * suite and the bench.
 */
import type { ChildProcess } from "node:child_process";

/** Signals the child's whole group; a group that is gone already is not an error. */
export function killGroup(child: ChildProcess | { pid?: number }, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined && child.pid > 0) process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the whole group is gone already.
  }
}

/** SIGTERM to the group, SIGKILL if it is still there after `graceMs`; resolves once `exited` does. */
export async function stopGroup(child: ChildProcess | { pid?: number }, exited: Promise<unknown>, graceMs = 3_000): Promise<void> {
  killGroup(child, "SIGTERM");
  const force = setTimeout(() => killGroup(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(force);
}
