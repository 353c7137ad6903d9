import { type ChildProcess, execFile, spawn } from "node:child_process";
import { killGroup, stopGroup } from "../../scripts/lib/process-group.ts";
import type { RuntimeEntry } from "./runtimes.ts";

/** A proxy running as a child process, as a user would run it. */
export interface LaunchedProxy {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The id of its process group: the runtime and whatever it started (workerd under wrangler). */
  pgid: number;
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/\S+)/;

/**
 * Starts the proxy on a runtime with PORT=0 and waits (with a deadline) for its one startup line.
 * A runtime that cannot start fails loudly with what it printed: it is never skipped.
 */
export async function launchProxy(runtime: RuntimeEntry, env: Record<string, string>, deadlineMs = runtime.startupMs ?? 30_000): Promise<LaunchedProxy> {
  if (runtime.build) await buildOnce(runtime.name, runtime.build, deadlineMs);
  // Its own process group, so that stopping it also stops what it started (wrangler starts workerd).
  const child = spawn(runtime.command, runtime.args, {
    env: { ...process.env, ...runtime.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  child.once("exit", () => {
    killGroup(child, "SIGKILL");
    running.delete(child);
  });
  let printed = "";
  const onData = (data: Buffer) => {
    printed += data.toString("utf8");
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child, "SIGKILL");
      reject(new Error(`${runtime.name} proxy did not start: ${why}\n--- output ---\n${printed}`));
    };
    const timer = setTimeout(() => fail(`no startup line within ${deadlineMs} ms`), deadlineMs);
    child.once("error", (error) => fail(error.message));
    const onEarlyExit = (code: number | null) => fail(`exited with code ${code}`);
    child.once("exit", onEarlyExit);
    const watch = () => {
      const match = READY.exec(printed);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      child.stdout?.off("data", watch);
      resolve({ url: match[1], output: () => printed, pgid: child.pid ?? 0, stop: () => stopChild(child) });
    };
    child.stdout?.on("data", watch);
  });
}

const builds = new Map<string, Promise<void>>();

/** Runs a runtime's build step once per test process; a failed build fails that runtime's tests. */
function buildOnce(name: string, [command, ...args]: string[], deadlineMs: number): Promise<void> {
  let build = builds.get(name);
  if (!build) {
    build = new Promise((resolve, reject) => {
      execFile(command as string, args, { timeout: deadlineMs }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${name} build failed: ${error.message}\n--- output ---\n${stdout}${stderr}`));
        else resolve();
      });
    });
    builds.set(name, build);
  }
  return build;
}

const running = new Set<ChildProcess>();

// A test process that ends without its after() hooks must not leave proxies (or workerd) behind.
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return stopGroup(child, new Promise((resolve) => child.once("exit", resolve)));
}
