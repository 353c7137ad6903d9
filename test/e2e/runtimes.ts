import { RUNTIMES, type RuntimeEntry } from "../../scripts/lib/runtimes.ts";

export { RUNTIMES, type RuntimeEntry };

/** The runtimes to test: E2E_RUNTIMES=node,deno narrows the list; by default every one. */
export function selectedRuntimes(): RuntimeEntry[] {
  const wanted = process.env.E2E_RUNTIMES?.split(",").map((s) => s.trim()).filter(Boolean);
  if (!wanted) return Object.values(RUNTIMES);
  return wanted.map((name) => {
    const entry = (RUNTIMES as Record<string, RuntimeEntry | undefined>)[name];
    if (!entry) throw new Error(`E2E_RUNTIMES names an unknown runtime ${JSON.stringify(name)}; known: ${Object.keys(RUNTIMES).join(", ")}`);
    return entry;
  });
}
