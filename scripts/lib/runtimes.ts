/**
 * How to start the proxy on each runtime the project supports: the one table the black-box test
 * suite (test/e2e) and the bench both read. Every entry is the command a user runs.
 */
import { join } from "node:path";

export interface RuntimeEntry {
  name: "node" | "deno" | "deno-bundle" | "bun" | "workers";
  command: string;
  args: string[];
  /** A command to run once before the first launch, e.g. the build of what `args` starts. */
  build?: string[];
  /** Environment the runtime itself needs, besides the proxy's configuration. */
  env?: Record<string, string>;
  /** How long the proxy may take to print its startup line. Default 30 s. */
  startupMs?: number;
}

export const ROOT = join(import.meta.dirname, "..", "..");
const bin = (...parts: string[]) => join(ROOT, "node_modules", ...parts);
export const BINARIES = { deno: bin("deno", "deno"), bun: bin("bun", "bin", "bun.exe") };
const tsx = (file: string) => ["--import", "tsx", file];
const deno = (file: string) => ["run", "--allow-net", "--allow-env", file];

export const RUNTIMES: Record<RuntimeEntry["name"], RuntimeEntry> = {
  // What `npm start` runs: the Node entry built into one file, built fresh before use.
  node: { name: "node", command: process.execPath, args: ["dist/node.mjs"], build: [process.execPath, ...tsx("scripts/bundle.ts"), "node"] },
  deno: { name: "deno", command: BINARIES.deno, args: deno("deno-puter-proxy.ts"), env: { NO_COLOR: "1" } },
  // The one-file Deno Deploy bundle, built fresh so nothing runs a stale dist/.
  "deno-bundle": { name: "deno-bundle", command: BINARIES.deno, args: deno("dist/deno-puter-proxy.js"), build: [process.execPath, ...tsx("scripts/bundle.ts")], env: { NO_COLOR: "1" } },
  // Bun's fetch runs at most 256 requests at once unless told otherwise; past that, upstream calls queue.
  bun: { name: "bun", command: BINARIES.bun, args: ["src/runtime/bun.ts"], env: { BUN_CONFIG_MAX_HTTP_REQUESTS: "65535" } },
  // wrangler dev bundles the Worker and starts workerd first: seconds, more on a busy machine.
  workers: { name: "workers", command: process.execPath, args: tsx("scripts/workers-dev.ts"), startupMs: 90_000 },
};
