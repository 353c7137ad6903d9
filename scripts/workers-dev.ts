/**
 * `npm run start:workers`: serves the Workers entry on this machine with `wrangler dev`, configured
 * like every other runtime: PORT (0 picks a free one), HOST and the proxy's variables come from the
 * environment, and the same startup line is printed once wrangler is ready.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadConfigOrExit } from "../src/runtime/load-config.ts";
import { startupLine } from "../src/runtime/startup-line.ts";

/** The variables parseConfig reads besides PORT and HOST, which are wrangler's own flags here. */
const WORKER_VARS = ["PUTER_API_BASE", "MODE", "CORS_ORIGINS", "MAX_BODY_BYTES", "UPSTREAM_TIMEOUT_MS", "STREAM_IDLE_TIMEOUT_MS", "MODELS_TTL_MS", "LOG_LEVEL"];
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const READY = /Ready on https?:\/\/\S+:(\d+)/;

const config = loadConfigOrExit(process.env, (code) => process.exit(code));
const vars = WORKER_VARS.flatMap((name) => (process.env[name]?.trim() ? ["--var", `${name}:${process.env[name]}`] : []));
const args = ["dev", "--local", "--ip", config.host, "--port", String(config.port), "--show-interactive-dev-session=false", ...vars];
const wrangler = spawn(`${ROOT}node_modules/.bin/wrangler`, args, {
  cwd: ROOT,
  // Local only: no telemetry, no update check, the placeholder `request.cf` instead of downloading
  // one, and wrangler's debug logs in the project's (ignored) .wrangler/ instead of the home directory.
  env: {
    WRANGLER_LOG_PATH: `${ROOT}.wrangler/logs`,
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
  },
  stdio: ["ignore", "pipe", "inherit"],
});

let beforeReady: string | undefined = "";
wrangler.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (beforeReady === undefined) return;
  beforeReady += chunk.toString("utf8");
  const port = READY.exec(beforeReady)?.[1];
  if (port === undefined) return;
  beforeReady = undefined;
  console.log(startupLine(config, Number(port)));
});
wrangler.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => wrangler.kill(signal));
