/**
 * The paths a request can take to the double, and how to start the server in each. A path whose
 * runtime entry or binary is not there yet is reported as "not available (reason)", never a crash.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchRequest } from "./lib/http.ts";
import { BINARIES, ROOT, RUNTIMES, type RuntimeEntry } from "../scripts/lib/runtimes.ts";
import type { StartOptions } from "./lib/proc.ts";
import { type Model, openaiBody, puterBody, TOKEN } from "./workload.ts";

export { BINARIES, ROOT };

export type PathId = "direct" | "node-floor" | "deno-floor" | "node" | "deno" | "bun" | "deno-bundle" | "portkey" | "portkey-shim";

export interface PathSpec {
  id: PathId;
  label: string;
  /** Why this path cannot run on this checkout, or undefined when it can. */
  unavailable(): string | undefined;
  /** The server process to start (none for the direct path). */
  command?(port: number, doublePort: number): StartOptions;
  request(port: number, model: Model, stream: boolean): BenchRequest;
}

const at = (...parts: string[]) => join(ROOT, ...parts);
const NODE_MODULES = at("node_modules");
const DENO = BINARIES.deno;
const BUN = BINARIES.bun;
const PORTKEY = join(NODE_MODULES, "@portkey-ai", "gateway", "build", "start-server.js");

/** The proxy's own settings, the same on every runtime (LOG_LEVEL silent: we time the work, not the logging). */
function proxyEnv(port: number, doublePort: number): Record<string, string> {
  return { PORT: String(port), HOST: "127.0.0.1", PUTER_API_BASE: `http://127.0.0.1:${doublePort}`, MODE: "raw", LOG_LEVEL: "silent" };
}

/** The proxy on `runtime`, started as the test suite starts it (scripts/lib/runtimes.ts). */
function runtimeCommand(runtime: RuntimeEntry, port: number, doublePort: number): StartOptions {
  return { name: `proxy-${runtime.name}`, command: runtime.command, args: runtime.args, env: { ...runtime.env, ...proxyEnv(port, doublePort) }, cwd: ROOT };
}

const missing = (path: string, hint: string) => (existsSync(path) ? undefined : `${path.slice(ROOT.length + 1)} does not exist (${hint})`);

function openaiRequest(port: number, model: Model, stream: boolean, extra: Record<string, string> = {}): BenchRequest {
  return {
    port,
    path: "/v1/chat/completions",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}`, ...extra },
    body: openaiBody(model, stream),
  };
}

/** The exact Puter call the proxy would make, sent to `port`: the double itself, or a floor in front of it. */
function directRequest(port: number, model: Model, stream: boolean): BenchRequest {
  return { port, path: "/drivers/call", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: puterBody(model, stream) };
}

/** Portkey routes to any OpenAI-compatible host given these two headers (it trusts 127.0.0.1 by default). */
const portkeyHeaders = (doublePort: number) => ({ "x-portkey-provider": "openai", "x-portkey-custom-host": `http://127.0.0.1:${doublePort}/v1` });

export function definePaths(doublePort: number): PathSpec[] {
  const proxyRequest = (port: number, model: Model, stream: boolean) => openaiRequest(port, model, stream);
  const portkeyRequest = (port: number, model: Model, stream: boolean) => openaiRequest(port, model, stream, portkeyHeaders(doublePort));
  return [
    {
      id: "direct",
      label: "direct (limit)",
      unavailable: () => undefined,
      request: (_port, model, stream) => directRequest(doublePort, model, stream),
    },
    // The floors: a bare pass-through on the same runtime, sent the direct path's exact Puter call.
    // What a runtime's HTTP stack alone costs, so the proxy's own share of each figure can be read off.
    {
      id: "node-floor",
      label: "bare pass-through on Node (floor)",
      unavailable: () => undefined,
      command: (port, dport) => ({ name: "node-floor", command: process.execPath, args: ["bench/floor/node.mjs"], env: proxyEnv(port, dport), cwd: ROOT }),
      request: (port, model, stream) => directRequest(port, model, stream),
    },
    {
      id: "deno-floor",
      label: "bare pass-through on Deno (floor)",
      unavailable: () => missing(DENO, "npm install puts the deno binary there"),
      command: (port, dport) => ({ name: "deno-floor", command: DENO, args: ["run", "--allow-net", "--allow-env", "bench/floor/deno.ts"], env: { NO_COLOR: "1", ...proxyEnv(port, dport) }, cwd: ROOT }),
      request: (port, model, stream) => directRequest(port, model, stream),
    },
    {
      id: "node",
      label: "proxy on Node",
      // What `npm start` runs: the Node entry built into one file (npm run bench builds it first).
      unavailable: () => missing(at("dist", "node.mjs"), "run `npm run build` first"),
      command: (port, dport) => runtimeCommand(RUNTIMES.node, port, dport),
      request: proxyRequest,
    },
    {
      id: "deno",
      label: "proxy on Deno",
      unavailable: () => missing(DENO, "npm install puts the deno binary there") ?? missing(at("deno-puter-proxy.ts"), "the Deno entry has not landed yet"),
      command: (port, dport) => runtimeCommand(RUNTIMES.deno, port, dport),
      request: proxyRequest,
    },
    {
      id: "bun",
      label: "proxy on Bun",
      unavailable: () => missing(BUN, "npm install puts the bun binary there") ?? missing(at("src", "runtime", "bun.ts"), "the Bun entry has not landed yet"),
      command: (port, dport) => runtimeCommand(RUNTIMES.bun, port, dport),
      request: proxyRequest,
    },
    {
      id: "deno-bundle",
      label: "one-file bundle on Deno",
      unavailable: () => missing(DENO, "npm install puts the deno binary there") ?? missing(at("dist", "deno-puter-proxy.js"), "made by npm run bundle"),
      command: (port, dport) => runtimeCommand(RUNTIMES["deno-bundle"], port, dport),
      request: proxyRequest,
    },
    {
      id: "portkey",
      label: "Portkey",
      unavailable: () => missing(PORTKEY, "npm install @portkey-ai/gateway"),
      // --headless: no console UI; the stock server otherwise as `npx @portkey-ai/gateway` runs it.
      command: (port) => ({ name: "portkey", command: process.execPath, args: [PORTKEY, `--port=${port}`, "--headless"], cwd: ROOT }),
      request: portkeyRequest,
    },
    {
      id: "portkey-shim",
      label: "Portkey + header shim",
      unavailable: () => missing(PORTKEY, "npm install @portkey-ai/gateway"),
      // Streams fail on stock Portkey with @hono/node-server >1.14.2 (Portkey-AI/gateway#1389);
      // the shim gives fetch responses mutable headers, as their proposed fix (#1551) does.
      command: (port) => ({
        name: "portkey-shim",
        command: process.execPath,
        args: ["--import", "tsx", "--import", "./bench/portkey/mutable-headers.ts", PORTKEY, `--port=${port}`, "--headless"],
        cwd: ROOT,
      }),
      request: portkeyRequest,
    },
  ];
}

/** Versions of what ran, for the report. */
export function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(NODE_MODULES, name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

