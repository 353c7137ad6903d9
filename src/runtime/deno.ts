/** Deno and Deno Deploy entry: reads the environment, serves the app with Deno.serve. */
import { createApp } from "../app.ts";
import { ConfigError, type Config, parseConfig } from "../config.ts";
import { startupLine } from "./startup-line.ts";

declare const Deno: {
  env: { toObject(): Record<string, string> };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

function loadConfig(): Config {
  try {
    return parseConfig(Deno.env.toObject());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    Deno.exit(1);
  }
}

const config = loadConfig();
const app = createApp(config, { fetch: globalThis.fetch, log: (line) => console.log(line) });
Deno.serve(
  { port: config.port, hostname: config.host, onListen: ({ port }) => console.log(startupLine(config, port)) },
  (request) => app.fetch(request),
);
