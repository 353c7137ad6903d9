/**
 * How to start the proxy on each runtime the project supports, for the black-box suite. Every
 * entry is the command a user runs; the suite gives each the same environment and the same tests.
 */
export interface RuntimeEntry {
  name: string;
  command: string;
  args: string[];
  /** A command to run once before the first launch, e.g. the build of what `args` starts. */
  build?: string[];
  /** How long the proxy may take to print its startup line. Default 30 s. */
  startupMs?: number;
}

const bin = (name: string) => `node_modules/.bin/${name}`;
const tsx = (file: string) => ["--import", "tsx", file];
const deno = (file: string) => ["run", "--allow-net", "--allow-env", file];

export const RUNTIMES: Record<string, RuntimeEntry> = {
  // What `npm start` runs: the Node entry built into one file, built fresh for the suite.
  node: { name: "node", command: process.execPath, args: ["dist/node.mjs"], build: [process.execPath, ...tsx("scripts/bundle.ts"), "node"] },
  deno: { name: "deno", command: bin("deno"), args: deno("deno-puter-proxy.ts") },
  // The one-file Deno Deploy bundle, built fresh so the suite never tests a stale dist/.
  "deno-bundle": { name: "deno-bundle", command: bin("deno"), args: deno("dist/deno-puter-proxy.js"), build: [process.execPath, ...tsx("scripts/bundle.ts")] },
  bun: { name: "bun", command: bin("bun"), args: ["src/runtime/bun.ts"] },
  // wrangler dev bundles the Worker and starts workerd first: seconds, more on a busy machine.
  workers: { name: "workers", command: process.execPath, args: tsx("scripts/workers-dev.ts"), startupMs: 90_000 },
};

/** The runtimes to test: E2E_RUNTIMES=node,deno narrows the list; by default every one. */
export function selectedRuntimes(): RuntimeEntry[] {
  const wanted = process.env.E2E_RUNTIMES?.split(",").map((s) => s.trim()).filter(Boolean);
  if (!wanted) return Object.values(RUNTIMES);
  return wanted.map((name) => {
    const entry = RUNTIMES[name];
    if (!entry) throw new Error(`E2E_RUNTIMES names an unknown runtime ${JSON.stringify(name)}; known: ${Object.keys(RUNTIMES).join(", ")}`);
    return entry;
  });
}
