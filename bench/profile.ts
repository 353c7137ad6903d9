/**
 * Where a gateway spends its CPU under load: `node --import tsx bench/profile.ts`. Starts the double
 * and one gateway under `node --cpu-prof`, loads it with autocannon, stops it (the profile is
 * written at exit) and prints self time by area and by function, plus CPU ms per request of the
 * gateway and of the double. Env: PROFILE_TARGET=node|node-floor|portkey (node), PROFILE_CONNECTIONS (64),
 * PROFILE_DURATION_S (10), PROFILE_STREAM=1 for streamed requests. Writes bench/results/profile-<target>.md;
 * the raw .cpuprofile stays in bench/results/tmp/ (not committed) for Chrome DevTools.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarize } from "./lib/cpuprofile.ts";
import { control } from "./lib/http.ts";
import { runLoad } from "./lib/load.ts";
import { cpuMs, freePort, start, stop, stopAllNow, waitFor } from "./lib/proc.ts";
import { definePaths, type PathSpec, ROOT } from "./paths.ts";
import { launch, type Running, shutdown } from "./launch.ts";

// node-floor: the bare pass-through, to read the proxy's profile against what Node's HTTP stack alone costs.
const TARGETS = ["node", "node-floor", "portkey"] as const;
const target = TARGETS.find((t) => t === process.env.PROFILE_TARGET) ?? "node";
const connections = Number(process.env.PROFILE_CONNECTIONS) || 64;
const durationS = Number(process.env.PROFILE_DURATION_S) || 10;
const stream = process.env.PROFILE_STREAM === "1";
const profileDir = join(ROOT, "bench", "results", "tmp", `profile-${target}-${Date.now()}`);

process.on("exit", stopAllNow);
setTimeout(() => {
  console.error("profile run took too long; stopping");
  stopAllNow();
  process.exit(2);
}, (durationS + 120) * 1000).unref();

/** The same server as in the bench, with the profiler flags put in front of its arguments. */
function profiled(spec: PathSpec): PathSpec {
  return {
    ...spec,
    command: (port, doublePort) => {
      const base = spec.command?.(port, doublePort);
      if (!base) throw new Error(`${spec.id} has no server to profile`);
      // V8 writes the profile only when the process exits by itself; Portkey has no SIGTERM handler.
      const exitOnTerm = 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))';
      return { ...base, args: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--cpu-prof-interval=200", "--import", exitOnTerm, ...base.args] };
    },
  };
}

async function main(): Promise<void> {
  mkdirSync(profileDir, { recursive: true });
  const doublePort = await freePort();
  const double = start({ name: "double", command: process.execPath, args: ["--import", "tsx", "bench/double/server.ts"], env: { PORT: String(doublePort) }, cwd: ROOT });
  await waitFor("the double", 30_000, 20, () => control(doublePort, "/control/stats"));
  const spec = definePaths(doublePort).find((p) => p.id === target);
  if (!spec) throw new Error(`unknown target ${target}`);
  const running: Running = await launch(profiled(spec), doublePort);
  const req = spec.request(running.port, "bench-fast", stream);
  await runLoad(req, { connections, durationS: 2 });

  const pid = running.child?.pid ?? -1;
  const spawnedAt = running.child?.spawnedAt ?? 0;
  const before = { gateway: cpuMs(pid), double: cpuMs(double.pid) };
  const loadFromMs = performance.now() - spawnedAt;
  const result = await runLoad(req, { connections, durationS });
  const loadToMs = performance.now() - spawnedAt;
  const used = { gateway: cpuMs(pid) - before.gateway, double: cpuMs(double.pid) - before.double };
  await shutdown(running);
  await stop(double);

  const file = readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile in ${profileDir}: did the server exit through process.exit?`);
  // The profile starts with the process: skip start-up and warm-up, keep the measured load only.
  const summary = summarize(join(profileDir, file), { fromMs: loadFromMs, toMs: loadToMs });
  const perReq = (ms: number) => ((ms / Math.max(1, result.ok)) * 1000).toFixed(0);
  const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
  const lines = [
    `# CPU profile: ${spec.label}, ${stream ? "streamed" : "non-stream"} requests, ${connections} connections, ${durationS} s`,
    "",
    `${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${result.errors} errors.`,
    `CPU per request: gateway ${perReq(used.gateway)} µs, double ${perReq(used.double)} µs (from /proc utime+stime; 10 ms ticks).`,
    `Profile: the ${(summary.totalMs / 1000).toFixed(1)} s under measured load (start-up and warm-up cut), ${(summary.idleMs / 1000).toFixed(1)} s of it idle; shares are of the busy time.`,
    "",
    "## Self time by area",
    "",
    "| area | ms | share |",
    "| --- | ---: | ---: |",
    ...summary.byArea.slice(0, 20).map((e) => `| ${e.name} | ${e.ms.toFixed(0)} | ${pct(e.share)} |`),
    "",
    "## Self time by function (top 30)",
    "",
    "| function | where | ms | share |",
    "| --- | --- | ---: | ---: |",
    ...summary.byFunction.slice(0, 30).map((e) => `| ${e.name} | ${e.where} | ${e.ms.toFixed(0)} | ${pct(e.share)} |`),
  ];
  if (target === "node") {
    lines.push(
      "",
      "## Inclusive time of our src/ and of hono / @hono/node-server functions (callees counted)",
      "",
      "| function | where | ms | share |",
      "| --- | --- | ---: | ---: |",
      ...summary.ourInclusive.slice(0, 20).map((e) => `| ${e.name} | ${e.where} | ${e.ms.toFixed(0)} | ${pct(e.share)} |`),
    );
  }
  const out = join(ROOT, "bench", "results", `profile-${target}${stream ? "-stream" : ""}.md`);
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
  console.error(`\nwrote ${out}; raw profile: ${join(profileDir, file)}`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error((error as Error).stack ?? error);
    stopAllNow();
    process.exit(1);
  });
