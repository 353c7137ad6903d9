/** What the numbers were measured on and with: machine, runtimes, versions, commit, command. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem } from "node:os";
import { BINARIES, packageVersion, ROOT } from "../paths.ts";

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  /** 1-minute load average when the run started: other work on the box makes numbers noisy. */
  loadAtStart: number;
  openFileLimit: string;
  node: string;
  deno: string;
  bun: string;
  portkey: string;
  autocannon: string;
  hono: string;
  honoNodeServer: string;
  commit: string;
  command: string;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

function commit(): string {
  const hash = run("git", ["rev-parse", "--short", "HEAD"]);
  if (!hash) return "unknown";
  return run("git", ["status", "--porcelain", "--untracked-files=no"]) ? `${hash} (with uncommitted changes)` : hash;
}

/** The exact command: `npm run bench` plus every BENCH_* variable that was set. */
function command(): string {
  const vars = Object.entries(process.env)
    .filter(([name]) => name.startsWith("BENCH_"))
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return [...vars, "npm run bench"].join(" ");
}

export function machineInfo(openFileLimit: number): MachineInfo {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpu[0]?.model.trim() ?? "unknown",
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: `Linux ${release()}`,
    loadAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    openFileLimit: String(openFileLimit),
    node: process.version,
    deno: run(BINARIES.deno, ["--version"]).split("\n")[0] ?? "not installed",
    bun: run(BINARIES.bun, ["--version"]) || "not installed",
    portkey: packageVersion("@portkey-ai/gateway"),
    autocannon: packageVersion("autocannon"),
    hono: packageVersion("hono"),
    honoNodeServer: packageVersion("@hono/node-server"),
    commit: commit(),
    command: command(),
  };
}
