import { createApp } from "../../src/app.ts";
import { type Env, parseConfig } from "../../src/config.ts";
import { createPuterDouble, type FetchPuterDouble } from "../puter-double/double.ts";

/** A token no answer or log line may ever contain; `newer-` picks the newer backend. */
export const TOKENS = { older: "hardening-secret-7c1e", newer: "newer-hardening-secret-7c1e" } as const;

export interface InProcess {
  double: FetchPuterDouble;
  logs: string[];
  fetch(request: Request): Promise<Response>;
  /** POST /v1/chat/completions with this JSON (or raw text) body and token. */
  chat(body: unknown, token?: string): Promise<Response>;
}

/** The proxy in-process against the fetch double, logging at info into `logs`. */
export function inProcess(env: Env = {}): InProcess {
  const double = createPuterDouble({ fakeDelayMs: 1, intervalMs: 1 });
  const logs: string[] = [];
  const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "info", ...env }), { fetch: double.fetch, log: (line) => logs.push(line) });
  const fetch = async (request: Request) => app.fetch(request);
  const chat = (body: unknown, token: string = TOKENS.older) =>
    fetch(
      new Request("http://proxy.test/v1/chat/completions", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  return { double, logs, fetch, chat };
}

/** Rejects when `promise` takes longer than `ms`, so a regression fails fast instead of hanging. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Calls to Puter's chat driver the double received. */
export const driverCalls = (double: FetchPuterDouble) => double.requests.filter((r) => r.path.startsWith("/drivers/call"));

/** Marks where `withNesting` puts the deep array into a body. */
export const DEEP = "__deep__";

/**
 * The JSON text of `body` with `"__deep__"` replaced by an array nested `depth` levels: built as
 * text, since JSON.stringify itself overflows the stack on a few thousand levels.
 */
export function withNesting(body: unknown, depth: number): string {
  return JSON.stringify(body).replace(JSON.stringify(DEEP), `${"[".repeat(depth)}"bottom"${"]".repeat(depth)}`);
}
