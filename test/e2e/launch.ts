import { type ChildProcess, spawn } from "node:child_process";
import type { RuntimeEntry } from "./runtimes.ts";

/** A proxy running as a child process, as a user would run it. */
export interface LaunchedProxy {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/\S+)/;

/**
 * Starts the proxy on a runtime with PORT=0 and waits (with a deadline) for its one startup line.
 * A runtime that cannot start fails loudly with what it printed: it is never skipped.
 */
export function launchProxy(runtime: RuntimeEntry, env: Record<string, string>, deadlineMs = 30_000): Promise<LaunchedProxy> {
  const child = spawn(runtime.command, runtime.args, {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
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
      child.kill("SIGKILL");
      reject(new Error(`${runtime.name} proxy did not start: ${why}\n--- output ---\n${printed}`));
    };
    const timer = setTimeout(() => fail(`no startup line within ${deadlineMs} ms`), deadlineMs);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`exited with code ${code}`));
    const watch = () => {
      const match = READY.exec(printed);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.stdout?.off("data", watch);
      resolve({ url: match[1], output: () => printed, stop: () => stopChild(child) });
    };
    child.stdout?.on("data", watch);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
