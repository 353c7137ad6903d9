import { ConfigError } from "./errors.ts";
import { isMode, MODES, type Mode } from "./modes/index.ts";

export type LogLevel = "silent" | "error" | "info";
export type LogFormat = "text" | "json";

/** Pool mode: the proxy holds Puter tokens and hands out its own keys. */
export interface PoolConfig {
  /** PUTER_TOKENS: comma or newline separated. */
  tokens: string[];
  /** ACCESS_KEYS: what clients present instead of a Puter token; never sent upstream. */
  accessKeys: string[];
  /** POOL_MAX_CONCURRENT: calls in flight per token, across instances. Default 3 (a free account's limit). */
  maxConcurrent: number;
  /** POOL_FUNDS_COOLDOWN_MS: how long a token whose credit ran out rests. Default 3600000 (1 h). */
  fundsCooldownMs: number;
  /** REDIS_URL: the pool's state shared by every instance; absent = this instance only. */
  redisUrl?: string;
}

/** Everything the proxy can be told, parsed and validated once at start. */
export interface Config {
  /** Port to listen on. Default 8000. */
  port: number;
  /** Interface to listen on. Default 127.0.0.1 (this machine only). */
  host: string;
  /** Where Puter's API lives, without a trailing slash. Default https://api.puter.com. */
  puterApiBase: string;
  /** Message-shaping mode when a request names none (X-Puter-Mode). Default raw. */
  mode: Mode;
  /** Origins allowed to call from a browser; ["*"] allows any. Default *. */
  corsOrigins: string[];
  /** Largest accepted request body, in bytes. Default 32 MiB (room for images sent as data URLs). */
  maxBodyBytes: number;
  /** Longest a request body may take to arrive before a 408. Default 30000 ms. */
  requestBodyTimeoutMs: number;
  /** How long Puter may take to start answering (the whole answer when not streaming). Default 600000 ms. */
  upstreamTimeoutMs: number;
  /** Longest silence allowed between two lines of a Puter stream. Default 300000 ms. */
  streamIdleTimeoutMs: number;
  /** How often a silent stream gets a keepalive (an SSE comment, or the dialect's ping); 0 = never. Default 15000 ms. */
  sseKeepaliveMs: number;
  /** How long the model list is cached. Default 600000 ms (10 min). */
  modelsTtlMs: number;
  /** silent, error (failures only) or info (one line per request). Default info. */
  logLevel: LogLevel;
  /** text (one readable line per request) or json (one JSON object per line). Default text. */
  logFormat: LogFormat;
  /** Pool mode (PUTER_TOKENS with ACCESS_KEYS); undefined: each caller brings their own token. */
  pool?: PoolConfig;
  /** Where the page at `/` loads puter.js from (its origin is allowed in the page's CSP). Default https://js.puter.com/v2/. */
  puterJsUrl: string;
  /** The origin puter.js talks to (allowed for connections in the page's CSP, https and wss). Default https://api.puter.com. */
  puterJsApiOrigin: string;
}

export type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ["silent", "error", "info"];
const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];

const list = (raw: string | undefined) => (raw ?? "").split(/[,\n]/).map((item) => item.trim()).filter(Boolean);

/** The pool settings; both lists or neither, so the proxy is never an open relay. */
function parsePool(read: (name: string) => string | undefined, integer: (name: string, fallback: number, min: number, max: number) => number, problems: string[]): PoolConfig | undefined {
  const tokens = list(read("PUTER_TOKENS"));
  const accessKeys = list(read("ACCESS_KEYS"));
  const redisUrl = read("REDIS_URL");
  const maxConcurrent = integer("POOL_MAX_CONCURRENT", 3, 1, 1000);
  const fundsCooldownMs = integer("POOL_FUNDS_COOLDOWN_MS", 3_600_000, 0, 7 * 86_400_000);
  if (tokens.length > 0 && accessKeys.length === 0) problems.push("PUTER_TOKENS is set but ACCESS_KEYS is not: set ACCESS_KEYS (the keys clients present), or the proxy would be an open relay for your tokens");
  if (accessKeys.length > 0 && tokens.length === 0) problems.push("ACCESS_KEYS is set but PUTER_TOKENS is not: access keys only make sense with a pool of Puter tokens");
  if (redisUrl !== undefined && tokens.length === 0) problems.push("REDIS_URL is set but PUTER_TOKENS is not: Redis holds the token pool's state");
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl)) problems.push(`REDIS_URL: expected a redis:// or rediss:// URL`);
  if (new Set(accessKeys).size !== accessKeys.length || new Set(tokens).size !== tokens.length) problems.push("PUTER_TOKENS and ACCESS_KEYS must not repeat an entry");
  if (accessKeys.some((key) => tokens.includes(key))) problems.push("ACCESS_KEYS must not contain a Puter token");
  if (tokens.length === 0 || accessKeys.length === 0) return undefined;
  return { tokens, accessKeys, maxConcurrent, fundsCooldownMs, ...(redisUrl ? { redisUrl } : {}) };
}

function parsesAsUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the configuration from environment variables (names fixed: other tooling relies on them).
 * Pure and total: trims values, applies defaults, and throws one ConfigError listing every problem.
 */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const choice = <T extends string>(name: string, allowed: readonly T[], fallback: T, check: (v: string) => v is T): T => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (check(raw)) return raw;
    problems.push(`${name}=${JSON.stringify(raw)}: expected one of ${allowed.join(", ")}`);
    return fallback;
  };

  const puterApiBase = (read("PUTER_API_BASE") ?? "https://api.puter.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/\s]+/.test(puterApiBase)) {
    problems.push(`PUTER_API_BASE=${JSON.stringify(puterApiBase)}: expected an http(s) URL such as https://api.puter.com`);
  }
  const corsOrigins = (read("CORS_ORIGINS") ?? "*").split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== "*" && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin such as https://app.example.com (or *)`);
    }
  }

  const httpUrl = (name: string, fallback: string): string => {
    const raw = read(name) ?? fallback;
    if (/^https?:\/\/[^/\s]+/.test(raw) && parsesAsUrl(raw)) return raw;
    problems.push(`${name}=${JSON.stringify(raw)}: expected an http(s) URL such as ${fallback}`);
    return fallback;
  };

  const config: Config = {
    port: integer("PORT", 8000, 0, 65535),
    host: read("HOST") ?? "127.0.0.1",
    puterApiBase,
    mode: choice("MODE", MODES, "raw", isMode),
    corsOrigins,
    maxBodyBytes: integer("MAX_BODY_BYTES", 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    requestBodyTimeoutMs: integer("REQUEST_BODY_TIMEOUT_MS", 30_000, 1, 3_600_000),
    upstreamTimeoutMs: integer("UPSTREAM_TIMEOUT_MS", 600_000, 1, 3_600_000),
    streamIdleTimeoutMs: integer("STREAM_IDLE_TIMEOUT_MS", 300_000, 1, 3_600_000),
    sseKeepaliveMs: integer("SSE_KEEPALIVE_MS", 15_000, 0, 3_600_000),
    modelsTtlMs: integer("MODELS_TTL_MS", 600_000, 0, 86_400_000),
    logLevel: choice("LOG_LEVEL", LOG_LEVELS, "info", (v): v is LogLevel => (LOG_LEVELS as readonly string[]).includes(v)),
    logFormat: choice("LOG_FORMAT", LOG_FORMATS, "text", (v): v is LogFormat => (LOG_FORMATS as readonly string[]).includes(v)),
    puterJsUrl: httpUrl("PUTER_JS_URL", "https://js.puter.com/v2/"),
    // An origin: a path would mean nothing to the CSP that names it.
    puterJsApiOrigin: new URL(httpUrl("PUTER_JS_API_ORIGIN", "https://api.puter.com")).origin,
  };
  const pool = parsePool(read, integer, problems);
  if (pool) config.pool = pool;
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
