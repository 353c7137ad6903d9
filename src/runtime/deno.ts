/** Deno and Deno Deploy entry: reads the environment, serves the app with Deno.serve. */
import { createApp } from "../app.ts";
import { withFallback } from "../pool/fallback-store.ts";
import { createMemoryStore } from "../pool/memory-store.ts";
import { createKvStore, type Kv } from "./deno-kv-store.ts";
import { loadConfigOrExit } from "./load-config.ts";
import { startupLine } from "./startup-line.ts";

declare const Deno: {
  env: { toObject(): Record<string, string>; get(name: string): string | undefined };
  /** Deno KV: on Deno Deploy always; locally with --unstable-kv. */
  openKv?: (path?: string) => Promise<Kv>;
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

const config = loadConfigOrExit(Deno.env.toObject(), Deno.exit);
if (config.pool?.redisUrl) {
  // The one-file Deno build carries no Redis client: refuse rather than let instances overrun Puter's limits.
  console.error("Invalid configuration:\n  - REDIS_URL: not supported on Deno; run the pool on Node or Bun to share it through Redis, or drop REDIS_URL for a per-instance pool");
  Deno.exit(1);
}
const log = (line: string) => console.log(line);
// In pool mode the pool's state lives in Deno KV where the runtime has it, shared by every isolate.
const kvPath = Deno.env.get("DENO_KV_PATH")?.trim() || undefined;
const poolStore = config.pool && typeof Deno.openKv === "function" ? withFallback(createKvStore(Deno.openKv(kvPath)), createMemoryStore(), log) : undefined;
// Deno's fetch gives each default read of a body a 64 KiB buffer: read Puter's streams with small ones.
const app = createApp(config, { fetch: globalThis.fetch, log, poolStore, byteReads: true });
Deno.serve(
  { port: config.port, hostname: config.host, onListen: ({ port }) => console.log(startupLine(config, port)) },
  (request) => app.fetch(request),
);
