/** Bun entry: `npm run start:bun`. Reads the environment, serves the app with Bun.serve. */
import { createApp } from "../app.ts";
import { loadConfigOrExit } from "./load-config.ts";
import { poolStoreFor } from "./pool-store.ts";
import { startupLine } from "./startup-line.ts";

interface BunServer {
  port: number;
  timeout(request: Request, seconds: number): void;
}

declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: {
    port: number;
    hostname: string;
    fetch(request: Request, server: BunServer): Response | Promise<Response>;
  }): BunServer;
};

// Bun's fetch drops a response that is silent for 5 minutes, under UPSTREAM_TIMEOUT_MS's default of
// 10: switched off, so the proxy's own deadlines decide, as on the other runtimes.
const upstreamFetch: typeof fetch = (input, init) => fetch(input, { ...init, timeout: false } as RequestInit);

const config = loadConfigOrExit(Bun.env, (code) => process.exit(code));
const log = (line: string) => console.log(line);
const app = createApp(config, { fetch: upstreamFetch, log, poolStore: await poolStoreFor(config, log) });
const server = Bun.serve({
  port: config.port,
  hostname: config.host,
  fetch(request, bunServer) {
    // Bun closes a connection silent for 10 s, which cuts a long answer while Puter thinks. Once a
    // request is handled, UPSTREAM_TIMEOUT_MS and STREAM_IDLE_TIMEOUT_MS bound it instead.
    bunServer.timeout(request, 0);
    return app.fetch(request);
  },
});
console.log(startupLine(config, server.port));
