import { type AppDeps, createApp } from "../../src/app.ts";
import { type Env, parseConfig } from "../../src/config.ts";
import { createPuterDouble, type FetchPuterDouble } from "../puter-double/double.ts";
import { NEWER_TOKEN_PREFIX } from "../puter-double/generation.ts";

/** The token of each backend generation the double plays (protocol: older servers and §10's newer ones). */
export const TOKENS = { older: "inproc-secret-token", newer: `${NEWER_TOKEN_PREFIX}inproc-secret-token` } as const;

export interface InProcess {
  double: FetchPuterDouble;
  /** The proxy as a fetch function, wired to the double with no socket in between. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Every log line the proxy wrote. */
  logs: string[];
}

/** The proxy and the Puter double in this process; `env` overrides the configuration, `deps` the runtime's parts. */
export function inProcess(env: Env = {}, deps: Partial<AppDeps> = {}): InProcess {
  const double = createPuterDouble({ fakeDelayMs: 5, intervalMs: 1 });
  const logs: string[] = [];
  const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "info", ...env }), { fetch: double.fetch, log: (line) => logs.push(line), ...deps });
  return { double, logs, fetch: async (input, init) => app.fetch(new Request(input, init)) };
}
