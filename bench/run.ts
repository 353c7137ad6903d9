/**
 * `npm run bench`: one run that sends the same workload along every path (direct, this proxy on
 * Node / Deno / Bun, Portkey) and writes bench/results/LATEST.md, latest.json and chart.svg.
 * Settings: see config.ts (BENCH_QUICK=1 for a one-minute smoke run).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readConfig, type Section } from "./config.ts";
import { closesConnections, launch, type Running, sanityCheck, shutdown } from "./launch.ts";
import { control } from "./lib/http.ts";
import { type Child, freePort, openFileLimit, start, stopAllNow, waitFor } from "./lib/proc.ts";
import { definePaths, type PathId, type PathSpec, ROOT } from "./paths.ts";
import { renderChart } from "./report/chart.ts";
import { machineInfo } from "./report/machine.ts";
import { renderMarkdown } from "./report/markdown.ts";
import { type BenchResults, judgeTargets, type PathStatus } from "./report/results.ts";
import { measureBodies } from "./sections/bodies.ts";
import { measureLatency } from "./sections/latency.ts";
import { measureMemory } from "./sections/memory.ts";
import { measureSurfaces } from "./sections/surfaces.ts";
import { measureStreaming } from "./sections/streaming.ts";
import { measureThroughput } from "./sections/throughput.ts";
import { measureBundle, measureColdStart } from "./sections/startup.ts";

const config = readConfig(process.env, join(ROOT, "bench", "results"));
const began = performance.now();
const log = (line: string) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
const wants = (section: Section) => config.sections.includes(section);

// Whatever happens, no server outlives the run.
process.on("exit", stopAllNow);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopAllNow();
    process.exit(130);
  });
}
const budgetS = Number(process.env.BENCH_TIMEOUT_S) || (config.quick ? 600 : 2_400);
setTimeout(() => {
  log(`the whole run exceeded BENCH_TIMEOUT_S=${budgetS}; stopping`);
  stopAllNow();
  process.exit(2);
}, budgetS * 1000).unref();

/** Non-stream sections compare against stock Portkey; stream sections need the shimmed one (see paths.ts). */
const PLAIN: PathId[] = ["direct", "node-floor", "deno-floor", "node", "deno", "bun", "portkey"];
const STREAM: PathId[] = ["direct", "node-floor", "deno-floor", "node", "deno", "bun", "portkey-shim"];
const STARTUP: PathId[] = ["node", "deno", "bun", "deno-bundle", "portkey"];

async function startDouble(): Promise<{ child: Child; port: number }> {
  const port = await freePort();
  const child = start({
    name: "double",
    command: process.execPath,
    args: ["--import", "tsx", "bench/double/server.ts"],
    env: { PORT: String(port), BENCH_TICK_MS: String(config.tickMs), BENCH_TICK_COUNT: String(config.tickCount), BENCH_HOLD_MS: String(config.holdMs) },
    cwd: ROOT,
  });
  await waitFor("the upstream double", 30_000, 20, () => control(port, "/control/stats"));
  return { child, port };
}

async function main(): Promise<void> {
  const notes: string[] = [];
  const results: Omit<BenchResults, "targets"> = {
    machine: machineInfo(openFileLimit()),
    config,
    paths: [],
    latency: [],
    throughput: [],
    streaming: [],
    surfaces: [],
    memory: [],
    coldStart: [],
    bodies: [],
    deltas: [],
    notes,
    durationS: 0,
  };
  log(`bench: ${config.quick ? "quick" : "full"} run, ${config.rounds} rounds, sections ${config.sections.join(", ")}`);
  const double = await startDouble();
  const specs = definePaths(double.port).filter((p) => !config.paths || p.id === "direct" || config.paths.includes(p.id));
  const status = new Map<PathId, PathStatus>();
  const setStatus = (spec: PathSpec, value: PathStatus["status"], reason?: string) => status.set(spec.id, { id: spec.id, label: spec.label, status: value, reason });
  for (const spec of specs) {
    const why = spec.unavailable();
    if (why) setStatus(spec, "unavailable", why);
  }
  const usable = (ids: PathId[]) => specs.filter((s) => ids.includes(s.id) && status.get(s.id)?.status !== "unavailable");

  // Long-lived servers for the latency, throughput and streaming sections.
  const running = new Map<PathId, Running>();
  const needed = new Set<PathId>([...(wants("latency") || wants("throughput") ? PLAIN : []), ...(wants("streaming") || wants("surfaces") ? STREAM : []), ...(wants("memory") ? ["portkey" as const] : [])]);
  for (const spec of specs.filter((s) => needed.has(s.id) && !status.has(s.id))) {
    try {
      running.set(spec.id, await launch(spec, double.port));
      log(`started ${spec.label} (ready in ${running.get(spec.id)?.readyMs.toFixed(0)} ms)`);
    } catch (error) {
      setStatus(spec, "failed", (error as Error).message.split("\n")[0]);
      log(`could not start ${spec.label}: ${(error as Error).message.slice(0, 600)}`);
    }
  }
  const checked = async (ids: PathId[], stream: boolean): Promise<Running[]> => {
    const out: Running[] = [];
    for (const spec of usable(ids)) {
      const r = running.get(spec.id);
      if (!r) continue;
      const problem = await sanityCheck(r, stream);
      if (problem) setStatus(spec, "failed", problem);
      else out.push(r);
    }
    return out;
  };

  const stockPortkey = running.get("portkey");
  if (stockPortkey && (wants("streaming") || wants("memory"))) {
    const problem = await sanityCheck(stockPortkey, true);
    notes.push(
      problem
        ? `¹ Stock Portkey ${results.machine.portkey} fails every streamed request on a fresh install (${problem.slice(0, 120)}; log: "TypeError: immutable" in updateHeaders; Portkey-AI/gateway#1389). Streaming and memory rows use Portkey with bench/portkey/mutable-headers.ts preloaded, which copies each upstream Response into one with mutable headers, as Portkey's proposed fix (#1551) does. Non-stream rows use stock Portkey.`
        : "¹ Stock Portkey streamed correctly in this run; the shimmed Portkey is used for streams for comparability with earlier runs.",
    );
  }

  for (const r of running.values()) {
    if (await closesConnections(r)) {
      notes.push(
        `${r.spec.label} answers chat requests with \`Connection: close\`, so every request from a keep-alive client pays a new TCP connection; its latency and throughput rows measure that (autocannon reconnects slowly, and counts the resets as errors).`,
      );
      log(`note: ${r.spec.label} closes the client connection after each answer`);
    }
  }

  const section = async (name: Section, body: () => Promise<void>) => {
    if (!wants(name)) return;
    log(`— ${name}`);
    try {
      await body();
    } catch (error) {
      notes.push(`The ${name} section failed: ${(error as Error).message.split("\n")[0]}`);
      log(`${name} failed: ${(error as Error).stack ?? error}`);
    }
  };

  await section("latency", async () => {
    results.latency = await measureLatency(await checked(PLAIN, false), config, log);
  });
  await section("throughput", async () => {
    results.throughput = await measureThroughput(await checked(PLAIN, false), config, log);
  });
  await section("streaming", async () => {
    results.streaming = await measureStreaming(await checked(STREAM, true), config, log);
  });
  await section("surfaces", async () => {
    // A floor passes bytes through and speaks no dialect, so it has no surfaces to compare.
    results.surfaces = await measureSurfaces((await checked(STREAM, true)).filter((r) => !r.spec.id.endsWith("-floor")), config, log);
  });
  for (const r of running.values()) await shutdown(r);

  await section("memory", async () => {
    for (const spec of usable(STREAM).filter((s) => s.id !== "direct" && status.get(s.id)?.status !== "failed")) {
      for (const level of config.openStreams) {
        const row = await measureMemory(spec, level, double.port, log);
        results.memory.push(row);
        log(`  memory ${spec.id} ${level}: peak ${row.peakRssMb.toFixed(1)} MB, ${row.errors} errors${row.note ? ` (${row.note})` : ""}`);
      }
    }
  });
  await section("coldstart", async () => {
    for (const spec of usable(STARTUP).filter((s) => status.get(s.id)?.status !== "failed")) {
      results.coldStart.push(await measureColdStart(spec, config, double.port, log));
    }
  });
  if (wants("bundle")) results.bundle = measureBundle();
  // Last, with every server stopped: in this process, so only the proxy's own work is timed.
  await section("bodies", async () => {
    const { bodies, deltas } = await measureBodies(log);
    results.bodies = bodies;
    results.deltas = deltas;
  });

  for (const spec of specs) if (!status.has(spec.id)) setStatus(spec, "ok");
  results.paths = [...status.values()];
  results.durationS = (performance.now() - began) / 1000;
  notes.push(
    "Added latency pairs each path with the direct path of the same round. Latencies are autocannon's per-response times (float ms); first byte and chunk gaps are timed by a node:http client.",
    "² The floors (bench/floor/) are a bare pass-through on the same runtime, sent the direct path's exact Puter call: no parsing, translation or checks, only the runtime's HTTP server and client. A proxy on that runtime cannot cost less; its own share of a figure is its row minus the floor's.",
    "Cold start runs `node dist/node.mjs` as `npm start` does after its build step (the build is not timed).",
    "Bun runs with BUN_CONFIG_MAX_HTTP_REQUESTS=65535: Bun's fetch otherwise runs at most 256 upstream requests at once, and in a run without it only 256 of 1,000 held streams ever opened (the rest queued until the deadline).",
  );
  const final: BenchResults = { ...results, targets: judgeTargets(results) };
  mkdirSync(config.outDir, { recursive: true });
  writeFileSync(join(config.outDir, "latest.json"), `${JSON.stringify(final, null, 2)}\n`);
  writeFileSync(join(config.outDir, "LATEST.md"), renderMarkdown(final));
  writeFileSync(join(config.outDir, "chart.svg"), renderChart(final));
  log(`wrote ${join(config.outDir, "LATEST.md")}, latest.json and chart.svg`);
  for (const t of final.targets) log(`  ${t.met === null ? "?" : t.met ? "met   " : "MISSED"} ${t.target}: ${t.measured}`);
}

main()
  .then(() => {
    stopAllNow();
    process.exit(0);
  })
  .catch((error: unknown) => {
    log(`bench failed: ${(error as Error).stack ?? error}`);
    stopAllNow();
    process.exit(1);
  });
