/**
 * Cloudflare Workers entry (`main` in wrangler.toml). The Worker's variables are its environment,
 * under the same names as everywhere; the app is built from them once per isolate.
 */
import { type App, createApp, renderError } from "../app.ts";
import { type Env, parseConfig } from "../config.ts";
import { ConfigError, MisconfiguredError } from "../errors.ts";

let app: App | MisconfiguredError | undefined;

// A [vars] value written as a TOML number or boolean arrives as one: read it as the text it was.
function toEnv(bindings: Record<string, unknown>): Env {
  const env: Env = {};
  for (const [name, value] of Object.entries(bindings)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") env[name] = String(value);
  }
  return env;
}

// A Worker has no start to fail at, so a bad configuration answers every request with what is wrong.
function build(bindings: Record<string, unknown>): App | MisconfiguredError {
  try {
    const config = parseConfig(toEnv(bindings));
    // A Worker has no Redis client (no TCP sockets by default): the pool is per isolate, so a shared one is refused.
    if (config.pool?.redisUrl) return new MisconfiguredError("REDIS_URL is not supported on Workers: the token pool's state is per isolate there. Remove REDIS_URL.");
    return createApp(config, { fetch, log: (line) => console.log(line) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return new MisconfiguredError(error.message);
  }
}

export default {
  fetch(request: Request, bindings: Record<string, unknown>, ctx: unknown): Response | Promise<Response> {
    app ??= build(bindings);
    return app instanceof MisconfiguredError ? renderError(request, app) : app.fetch(request, bindings, ctx);
  },
};
