/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) into self-time tables: by function and by
 * where the code lives (our src/, hono, @hono/node-server, undici inside Node, Node's own JS, GC).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** ms outside JS and GC: waiting in epoll, i.e. the process had nothing to do. */
  idleMs: number;
  byFunction: SelfTime[];
  byArea: SelfTime[];
  /** Inclusive time (callees included) of functions in our src/, hono and @hono/node-server, top first. */
  ourInclusive: SelfTime[];
}

/** Where a frame's code lives, in the words a reader of this repo uses. */
export function areaOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "GC";
  if (name === "(idle)") return "idle";
  if (name === "(program)") return "V8/native (program)";
  if (url.includes("/src/")) return `proxy src/${url.split("/src/").pop()?.split("/")[0] ?? ""}`.replace(/\.ts$/, ".ts");
  for (const pkg of ["@hono/node-server", "hono", "valibot", "tsx", "@portkey-ai/gateway", "zod"]) {
    if (url.includes(`/node_modules/${pkg}/`)) return pkg;
  }
  if (url.includes("node:internal/deps/undici")) return "undici (Node's fetch)";
  if (url.startsWith("node:internal/webstreams")) return "Node web streams";
  if (url.startsWith("node:")) return `Node internals (${url.replace("node:internal/", "").split("/")[0]})`;
  if (url === "") return "native / builtins";
  return url.split("/").slice(-2).join("/");
}

/** Code whose inclusive time is worth a row: ours and the framework we call through. */
const INCLUSIVE = /\/(src|node_modules\/hono|node_modules\/@hono\/node-server)\//;

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|src)\//, "$1/");
}

/**
 * `window` (ms from the profile's start) keeps only the samples taken under load, so start-up
 * (module compilation, tsx's loader) does not blur what a request costs.
 */
export function summarize(path: string, window?: { fromMs: number; toMs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let at = 0;
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    at += delta;
    if (window && (at < window.fromMs || at > window.toMs)) return;
    totalMs += delta;
    self.set(id, (self.get(id) ?? 0) + delta);
  });

  const fn = new Map<string, SelfTime>();
  const area = new Map<string, SelfTime>();
  const inclusive = new Map<string, SelfTime>();
  let idleMs = 0;
  const add = (map: Map<string, SelfTime>, key: string, name: string, where: string, ms: number) => {
    const entry = map.get(key) ?? { name, where, ms: 0, share: 0 };
    entry.ms += ms;
    map.set(key, entry);
  };
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || "(anonymous)";
    if (name === "(idle)") idleMs += ms;
    const where = `${shortUrl(url)}${lineNumber > 0 ? `:${lineNumber + 1}` : ""}`;
    add(fn, `${name}@${where}`, name, where, ms);
    add(area, areaOf(url, name), areaOf(url, name), "", ms);
    // Charge this sample to each distinct function of ours (or the framework's) on its stack, once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (!frame || !INCLUSIVE.test(frame.url)) continue;
      const where = `${shortUrl(frame.url)}${frame.lineNumber > 0 ? `:${frame.lineNumber + 1}` : ""}`;
      const key = `${frame.functionName || "(anonymous)"}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, frame.functionName || "(anonymous)", where, ms);
    }
  }
  const busyMs = totalMs - idleMs;
  const rank = (map: Map<string, SelfTime>) =>
    [...map.values()].map((e) => ({ ...e, share: e.ms / busyMs })).sort((a, b) => b.ms - a.ms);
  return { totalMs, idleMs, byFunction: rank(fn).filter((e) => e.name !== "(idle)"), byArea: rank(area).filter((e) => e.name !== "idle"), ourInclusive: rank(inclusive) };
}
