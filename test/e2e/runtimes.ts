/**
 * How to start the proxy on each runtime the project supports, for the black-box suite. Every
 * entry is the command a user runs; the suite gives each the same environment and the same tests.
 */
export interface RuntimeEntry {
  name: string;
  command: string;
  args: string[];
}

const bin = (name: string) => `node_modules/.bin/${name}`;

export const RUNTIMES: Record<string, RuntimeEntry> = {
  node: { name: "node", command: process.execPath, args: ["--import", "tsx", "src/runtime/node.ts"] },
  deno: { name: "deno", command: bin("deno"), args: ["run", "--allow-net", "--allow-env", "deno-puter-proxy.ts"] },
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
