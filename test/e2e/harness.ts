import { after, before } from "node:test";
import OpenAI from "openai";
import { type PuterDouble, startPuterDouble } from "../puter-double/server.ts";
import { type LaunchedProxy, launchProxy } from "./launch.ts";
import type { RuntimeEntry } from "./runtimes.ts";

/** The token every e2e client sends; the double accepts it. */
export const TOKEN = "e2e-secret-token-3f9a";

export interface Harness {
  double: PuterDouble;
  proxy: LaunchedProxy;
  /** An official OpenAI SDK client pointed at the proxy, with retries off so errors show at once. */
  client(apiKey?: string): OpenAI;
  /** Plain fetch against the proxy. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts a Puter double and the proxy on `runtime` against it, before the tests of the enclosing
 * describe; stops both after. The returned object is filled in by the time tests run.
 */
export function useProxy(runtime: RuntimeEntry, env: Record<string, string> = {}): Harness {
  const harness = {} as Harness;
  before(async () => {
    harness.double = await startPuterDouble({ fakeDelayMs: 10, intervalMs: 2 });
    harness.proxy = await launchProxy(runtime, { PUTER_API_BASE: harness.double.url, ...env });
    harness.client = (apiKey = TOKEN) => new OpenAI({ apiKey, baseURL: `${harness.proxy.url}/v1`, maxRetries: 0, timeout: 20_000 });
    harness.fetch = (path, init) => fetch(`${harness.proxy.url}${path}`, { ...init, signal: init?.signal ?? AbortSignal.timeout(20_000) });
  });
  after(async () => {
    await harness.proxy?.stop();
    await harness.double?.close();
  });
  return harness;
}

/** Rejects when `promise` takes longer than `ms`, so a regression fails fast instead of hanging. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The body of the last /drivers/call the double received. */
export function lastDriverCall(double: PuterDouble) {
  const call = double.requests.filter((r) => r.path.startsWith("/drivers/call")).at(-1);
  if (!call) throw new Error("the double received no /drivers/call");
  return call;
}
