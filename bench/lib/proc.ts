/**
 * Child processes for the bench: every one started here is remembered and killed at the end, on
 * failure and on Ctrl-C, so a crashed run leaves no server holding a port or a CPU.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { killGroup, stopGroup } from "../../scripts/lib/process-group.ts";

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Unix ms just before spawn(), for cold-start timing. */
  spawnedAt: number;
  /** The last lines the child printed (stdout and stderr), for error messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the child has exited. */
  exited: Promise<string>;
}

const children = new Set<Child>();

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
}

/** Spawns a child in its own process group, so a runtime launcher and what it launched die together. */
export function start(options: StartOptions): Child {
  const lines: string[] = [];
  const keep = (data: Buffer) => {
    for (const line of data.toString("utf8").split("\n")) if (line.trim()) lines.push(line);
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  const spawnedAt = performance.now();
  const proc = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const exited = new Promise<string>((resolve) => {
    proc.once("exit", (code, signal) => resolve(String(code ?? signal)));
    proc.once("error", (error) => resolve(`spawn error: ${error.message}`));
  });
  const child: Child = { name: options.name, pid: proc.pid ?? -1, process: proc, spawnedAt, output: () => lines.join("\n"), exited };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** SIGTERM to the child's group, SIGKILL if it is still there after `graceMs`. */
export async function stop(child: Child, graceMs = 3_000): Promise<void> {
  if (!children.has(child)) return;
  await stopGroup(child, child.exited, graceMs);
}

/** Kills everything still running; safe to call more than once and from exit handlers. */
export function stopAllNow(): void {
  for (const child of children) killGroup(child, "SIGKILL");
  children.clear();
}

/** A free loopback port, asked of the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `probe` every `intervalMs` until it returns a value, or throws `what` after `deadlineMs`.
 * Probe errors count as "not yet"; `fatal` says when waiting longer is pointless.
 */
export async function waitFor<T>(
  what: string,
  deadlineMs: number,
  intervalMs: number,
  probe: () => Promise<T | undefined>,
  fatal: () => Error | undefined = () => undefined,
): Promise<T> {
  const end = performance.now() + deadlineMs;
  while (performance.now() < end) {
    const failure = fatal();
    if (failure) throw failure;
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
}

/** Resident set size in KiB: now and the high-water mark, from /proc (Linux only). */
export interface Rss {
  rssKb: number;
  hwmKb: number;
}

export function readRss(pid: number): Rss | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
    return { rssKb: field("VmRSS"), hwmKb: field("VmHWM") };
  } catch {
    return undefined;
  }
}

/** The pid and all its descendants, so a launcher's real server is counted too. */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; ppid is the 2nd field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (const pid of tree) tree.push(...(parents.get(pid) ?? []));
  return tree;
}

/** RSS summed over a process tree, in KiB; the high-water mark is the sum of each one's own. */
export function readTreeRss(root: number): Rss | undefined {
  const all = processTree(root).map(readRss).filter((r): r is Rss => r !== undefined);
  if (all.length === 0) return undefined;
  return { rssKb: all.reduce((n, r) => n + r.rssKb, 0), hwmKb: all.reduce((n, r) => n + r.hwmKb, 0) };
}

/** The soft limit on open files this process (and so its children) has. */
export function openFileLimit(): number {
  try {
    const limits = readFileSync("/proc/self/limits", "utf8");
    return Number(limits.match(/^Max open files\s+(\d+)/m)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used, in ms; clock ticks are 10 ms on Linux (CLK_TCK 100). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command: state is field 3, so utime (14) and stime (15) sit at indexes 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
