/** Deno and Deno Deploy entry: reads the environment, serves the app with Deno.serve. */
import { createApp } from "../app.ts";
import { loadConfigOrExit } from "./load-config.ts";
import { startupLine } from "./startup-line.ts";

declare const Deno: {
  env: { toObject(): Record<string, string> };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

const config = loadConfigOrExit(Deno.env.toObject(), Deno.exit);
const app = createApp(config, { fetch: globalThis.fetch, log: (line) => console.log(line) });
Deno.serve(
  { port: config.port, hostname: config.host, onListen: ({ port }) => console.log(startupLine(config, port)) },
  (request) => app.fetch(request),
);
