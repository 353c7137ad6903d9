import { type Context, Hono } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { ChatContext } from "./chat/run.ts";
import type { ErrorRenderer } from "./chat/surface.ts";
import type { Config } from "./config.ts";
import { MethodNotAllowedError, NotFoundError, ProxyError, redact, toProxyError } from "./errors.ts";
import { anthropicErrors } from "./anthropic/error-body.ts";
import { mountAnthropic, ownsRequest } from "./anthropic/routes.ts";
import { corsMiddleware } from "./http/cors.ts";
import { escapeControls, observeMiddleware } from "./http/observe.ts";
import { createMetrics } from "./metrics.ts";
import { discardUnreadBody } from "./http/discard-body.ts";
import { openAIErrors } from "./openai/error-body.ts";
import { mountOpenAI } from "./openai/routes.ts";
import { createPage } from "./page/page.ts";
import { type Background, createModelCatalog } from "./upstream/puter/model-catalog.ts";
import { loadSnapshot } from "./upstream/puter/models-snapshot.ts";
import { setUpCredentials } from "./pool/setup.ts";
import type { PoolStore } from "./pool/store.ts";

/** What the app needs from its runtime, injected so tests are deterministic without patching globals. */
export interface AppDeps {
  fetch: typeof fetch;
  /** Unix time in ms. Default Date.now. */
  now?: () => number;
  /** A fresh random id (hex or uuid). Default crypto.randomUUID without dashes. */
  randomId?: () => string;
  /** Where log lines go. Default: nowhere. */
  log?: (line: string) => void;
  /** Where the token pool keeps its state (a Redis store, on runtimes that have one). Default: memory. */
  poolStore?: PoolStore;
  /**
   * Read Puter's streams with buffers of the proxy's own: for a runtime whose fetch gives every
   * read a large buffer, held by the read that waits on an idle stream (Deno: 64 KiB per stream).
   */
  byteReads?: boolean;
}

/** The whole proxy as one fetch function: what Deno, Bun and Workers call, and Node through a bridge. */
export interface App {
  fetch(request: Request, env?: unknown, ctx?: unknown): Response | Promise<Response>;
}

/** Model list requests give up on Puter after this long and serve the bundled snapshot. */
const MODELS_TIMEOUT_MS = 10_000;

/**
 * The request's ExecutionContext `waitUntil`, where the runtime passes one (its third fetch
 * argument). Looked up only when there is work to hand over: Hono throws when there is no
 * ExecutionContext (Node, Deno, Bun), and an Error per request costs more than the rest of routing.
 */
function background(c: Context): Background {
  return (task) => {
    try {
      c.executionCtx.waitUntil(task);
    } catch {
      // No ExecutionContext: the pending work runs to its end by itself.
    }
  };
}

/** The dialect whose envelope a request's errors are written in: the surface that owns its path. */
function errorsFor(request: Request): ErrorRenderer {
  return ownsRequest(request) ? anthropicErrors : openAIErrors;
}

/** Any error as a response in the dialect of the surface that owns the request. */
export function renderError(request: Request, error: unknown): Response {
  return errorsFor(request).render(toProxyError(error));
}

export function createApp(config: Config, deps: AppDeps): App {
  const now = deps.now ?? Date.now;
  const randomId = deps.randomId ?? (() => crypto.randomUUID().replaceAll("-", ""));
  const log = deps.log ?? (() => {});
  const fetchFn = deps.fetch;
  const upstreamFetch: typeof fetch = (input, init) => fetchFn(input, init);
  const catalog = createModelCatalog({
    fetch: upstreamFetch,
    baseUrl: config.puterApiBase,
    ttlMs: config.modelsTtlMs,
    timeoutMs: MODELS_TIMEOUT_MS,
    now,
    snapshot: loadSnapshot,
  });
  const { credentials, pool } = setUpCredentials(config.pool, deps.poolStore, now);
  const metrics = createMetrics();
  const chat: ChatContext = {
    credentials,
    driver: { fetch: upstreamFetch, baseUrl: config.puterApiBase, timeoutMs: config.upstreamTimeoutMs, byteReads: deps.byteReads },
    idleTimeoutMs: config.streamIdleTimeoutMs,
    keepaliveMs: config.sseKeepaliveMs,
    defaultMode: config.mode,
    maxBodyBytes: config.maxBodyBytes,
    bodyTimeoutMs: config.requestBodyTimeoutMs,
    now,
    randomId,
    metrics,
  };
  const render = renderError;

  const app = new Hono();
  // A body the route ignored is read before the answer goes out, so closing cannot reset it.
  const discard = (request: Request) => discardUnreadBody(request, config.maxBodyBytes, config.requestBodyTimeoutMs);
  app.use(observeMiddleware({ logLevel: config.logLevel, logFormat: config.logFormat, log, metrics, now, randomId, discard }));
  app.use(corsMiddleware(config.corsOrigins));
  app.use(methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => render(c.req.raw, new MethodNotAllowedError(c.req.method, c.req.path, methods)) }));

  const page = createPage(config);
  app.get("/", (c) => page.negotiate(c.req.raw, () => c.json({ name: "puter-openai-proxy", endpoints: ["/v1/chat/completions", "/v1/messages", "/v1/models", "/health"] })));
  for (const [path, respond] of page.assets) app.get(path, respond);
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/metrics", async (c) => {
    // In pool mode the metrics name token hashes and load: for the operator's keys only.
    if (pool) await credentials.authorize(c.req.raw);
    const now_ = now();
    const tokens = pool ? (await (await pool).states()).map((s) => ({ hash: s.hash, inFlight: s.inFlight, state: s.disabled ? "disabled" : s.coolUntil > now_ ? "resting" : "ready" }) as const) : [];
    return c.text(metrics.render(tokens), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });
  const surfaceDeps = { chat, catalog, background: (c: unknown) => background(c as Context) };
  // Before OpenAI's: `/v1/models` with an `anthropic-version` header is Anthropic's.
  mountAnthropic(app, surfaceDeps);
  mountOpenAI(app, surfaceDeps);

  app.notFound((c) =>
    render(c.req.raw, new NotFoundError(`Unknown request URL: ${c.req.method} ${c.req.path}. This proxy serves /v1/chat/completions, /v1/responses, /v1/completions and /v1/models.`, "unknown_url")),
  );
  app.onError((error, c) => {
    // A client that went away is not an error: nobody is left to answer.
    if (c.req.raw.signal.aborted) return new Response(null, { status: 499 });
    // A stack's message may quote what was being parsed (upstream text): redacted like any upstream text.
    if (!(error instanceof ProxyError)) log(`internal error on ${c.req.method} ${escapeControls(c.req.path)}: ${escapeControls(redact(error.stack ?? error.name))}`);
    return render(c.req.raw, error);
  });

  return { fetch: (request, env, ctx) => app.fetch(request, env, ctx as never) };
}
