/**
 * Puter's model catalogue, cached: fetched from the public details endpoint, kept for a TTL,
 * refreshed in the background once stale, and backed by the bundled snapshot when Puter is away.
 */
import { type CatalogModel, toModelList } from "./models.ts";

export interface ModelCatalogOptions {
  /** Injected so tests and runtimes choose the transport; called without credentials. */
  fetch: typeof fetch;
  /** Puter API origin, e.g. `https://api.puter.com`. */
  baseUrl: string;
  /** How long a successful upstream list is served before a background refresh. */
  ttlMs: number;
  /** Deadline for one upstream request, body included. */
  timeoutMs: number;
  /** Clock in milliseconds; injected so tests control expiry. */
  now: () => number;
  /** The bundled catalogue, used until and whenever Puter cannot be reached. */
  snapshot: () => CatalogModel[] | Promise<CatalogModel[]>;
}

/** Keeps work alive past the response that started it (an ExecutionContext's `waitUntil`). */
export type Background = (task: Promise<unknown>) => void;

export interface ModelCatalog {
  /**
   * All models; waits for Puter only on the very first call, never once any list is held. A refresh
   * that outlives this call is handed to `background`, when given.
   */
  list(background?: Background): Promise<CatalogModel[]>;
  /** The model with this id, else the one Puter would resolve the trimmed, case-insensitive name to. */
  get(id: string, background?: Background): Promise<CatalogModel | undefined>;
}

interface Cached {
  models: CatalogModel[];
  index: Map<string, CatalogModel>;
  expiresAt: number;
}

/** Longest wait before retrying an unreachable Puter: an outage costs one upstream call per minute. */
export const MAX_RETRY_MS = 60_000;

// Aggregators lose shared names to direct vendors, as in Puter's bucket ranking (docs/puter-wire.md §7).
const AGGREGATORS = new Set(["openrouter", "together-ai", "togetherai"]);

/** Lowercased lookup keys: every model id first, then aliases (direct vendors before aggregators). */
export function buildModelIndex(models: CatalogModel[]): Map<string, CatalogModel> {
  const index = new Map<string, CatalogModel>();
  const add = (name: string, model: CatalogModel) => {
    const key = name.trim().toLowerCase();
    if (key !== "" && !index.has(key)) index.set(key, model);
  };
  for (const model of models) add(model.id, model);
  const direct = models.filter((model) => !AGGREGATORS.has(model.ownedBy));
  const aggregated = models.filter((model) => AGGREGATORS.has(model.ownedBy));
  for (const model of [...direct, ...aggregated]) for (const alias of model.aliases ?? []) add(alias, model);
  return index;
}

async function fetchModels(options: ModelCatalogOptions): Promise<CatalogModel[]> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/puterai/chat/models/details`;
  // Called unbound: Workers' fetch throws "Illegal invocation" when called as a method of another object.
  const fetchFn = options.fetch;
  const response = await fetchFn(url, {
    headers: { accept: "application/json" },
    // Never followed, as no upstream request is: a 3xx (or an opaque redirect) is a failed fetch.
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`Puter model list answered ${response.status}`);
  }
  const models = toModelList(await response.json());
  // An empty list is what a Puter without vendor keys serves; it is no catalogue.
  if (models.length === 0) throw new Error("Puter model list was empty");
  return models;
}

/** Creates the cached catalogue; it holds no timers, so it needs no disposal. */
export function createModelCatalog(options: ModelCatalogOptions): ModelCatalog {
  const retryMs = Math.min(options.ttlMs, MAX_RETRY_MS);
  let cached: Cached | undefined;
  let inflight: Promise<Cached> | undefined;

  const keep = (models: CatalogModel[], forMs: number): Cached => {
    const index = cached?.models === models ? cached.index : buildModelIndex(models);
    cached = { models, index, expiresAt: options.now() + forMs };
    return cached;
  };

  // On failure the last list held (upstream or snapshot) beats the snapshot, and is kept only
  // for the back-off, so Puter is retried soon but not on every request.
  const load = async (): Promise<Cached> => {
    try {
      return keep(await fetchModels(options), options.ttlMs);
    } catch {
      return keep(cached?.models ?? (await options.snapshot()), retryMs);
    }
  };

  const refresh = (): Promise<Cached> => {
    inflight ??= load().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };

  const current = async (background?: Background): Promise<Cached> => {
    if (cached === undefined) return refresh();
    if (options.now() >= cached.expiresAt) {
      // Nobody awaits this refresh, so any rejection (load() itself should not reject) is dropped here.
      // A runtime may stop a request's pending work once it is answered: without `background`, the
      // refresh could be cut off and never settle, and `inflight` would block every later one.
      const task = refresh().catch(() => {});
      background?.(task);
    }
    return cached;
  };

  return {
    async list(background) {
      return (await current(background)).models;
    },
    async get(id, background) {
      const { models, index } = await current(background);
      return models.find((model) => model.id === id) ?? index.get(id.trim().toLowerCase());
    },
  };
}
