/** Malformed requests for the seeded fuzz test: a small deterministic PRNG and what it builds. */

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Pick {
  <T>(items: readonly T[]): T;
  int(max: number): number;
  chance(p: number): boolean;
}

export function picker(random: () => number): Pick {
  const int = (max: number) => Math.floor(random() * max);
  const pick = (<T>(items: readonly T[]): T => items[int(items.length)] as T) as Pick;
  pick.int = int;
  pick.chance = (p) => random() < p;
  return pick;
}

const STRANGE_STRINGS = ["", " ", "\u0000", "\r\n", "\n\nFORGED 200 1ms", "\u001b[31m", "\u2028\u2029", "\ud800", "\udfff", "💥".repeat(50), "ｅｃｈｏ", "e\u0301cho", "%0a%0d", "../../etc/passwd", "<script>alert(1)</script>", "${{7*7}}", "null", "true", "NaN"];
const NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e-320, 123456789012345680000];

/** Any JSON value, sometimes large or odd; `depth` bounds how far it recurses. */
export function anyValue(pick: Pick, depth = 0): unknown {
  switch (pick.int(depth > 2 ? 4 : 7)) {
    case 0:
      return pick(NUMBERS);
    case 1:
      return pick.chance(0.1) ? "x".repeat(pick.int(200_000)) : pick(STRANGE_STRINGS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return pick.chance(0.5) ? pick(STRANGE_STRINGS) + pick(STRANGE_STRINGS) : String.fromCodePoint(pick.int(0x110000) & 0x10ffff & ~0xd800);
    case 4:
      return Array.from({ length: pick.int(4) }, () => anyValue(pick, depth + 1));
    case 5:
      return Object.fromEntries(Array.from({ length: pick.int(4) }, () => [pick(["role", "content", "type", "text", "name", "__proto__", "constructor", pick(STRANGE_STRINGS)]), anyValue(pick, depth + 1)]));
    default:
      return { role: pick(["user", "assistant", "system", "tool", "developer", "function", "x"]), content: anyValue(pick, depth + 1) };
  }
}

const CHAT_FIELDS = ["model", "messages", "stream", "temperature", "max_tokens", "max_completion_tokens", "tools", "tool_choice", "n", "stop", "stream_options", "response_format", "top_p", "seed", "user", "metadata", "reasoning_effort", "logprobs"];

/** A chat request body: mostly a valid one with a field broken, sometimes text that is not JSON. */
export function chatBody(pick: Pick, model: string): string {
  const base: Record<string, unknown> = { model, messages: [{ role: "user", content: "hello" }] };
  if (pick.chance(0.5)) base.stream = true;
  const mutations = 1 + pick.int(3);
  for (let i = 0; i < mutations; i++) {
    const field = pick.chance(0.85) ? pick(CHAT_FIELDS) : pick(STRANGE_STRINGS) || "empty";
    if (pick.chance(0.15)) delete base[field];
    else base[field] = field === "messages" && pick.chance(0.5) ? [anyValue(pick), anyValue(pick)] : anyValue(pick);
  }
  const text = JSON.stringify(base);
  switch (pick.int(14)) {
    case 0:
      return text.slice(0, pick.int(text.length));
    case 1:
      return `${text}${pick(["}", "]", ",", "garbage", "\u0000"])}`;
    case 2:
      return pick(["", " ", "null", "[]", "42", '"str"', "{", "{'model':'echo'}", "\ufeff{}", "{\"model\":\"echo\",\"messages\":[]}"]);
    case 3: {
      // Deep nesting, built as text: JSON.stringify itself would overflow.
      const depth = pick([129, 1_000, 5_000, 50_000]);
      return text.replace('"hello"', `${"[".repeat(depth)}1${"]".repeat(depth)}`);
    }
    case 4: {
      // Deep values where validation lets unknown keys through: a message's and a part's extra key.
      const deep = `${"{\"a\":".repeat(10_000)}1${"}".repeat(10_000)}`;
      return pick.chance(0.5) ? text.replace('"hello"', `"hello","x_extra":${deep}`) : text.replace('"hello"', `[{"type":"text","text":"hi","x_extra":${deep}}]`);
    }
    default:
      return text;
  }
}

export const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND"] as const;

/** A path: a real route most of the time, else something odd (encoded control characters, traversal, huge). */
export function path(pick: Pick): string {
  const real = ["/v1/chat/completions", "/chat/completions", "/v1/models", "/models", "/v1/models/gpt-4o-mini", "/v1/models/openrouter:x/y", "/", "/health"];
  if (pick.chance(0.7)) return pick(real) + (pick.chance(0.1) ? pick(["?a=1", "/", "//", "?auth_token=x", "%0a", "#frag"]) : "");
  return pick(["/v1/models/%0aFORGED", "/%0d%0aX: y", "/v1/%2e%2e/health", `/${"a".repeat(10_000)}`, "/v1/chat/completions%00", "/%e2%80%a8", "/v1/models/%ff%fe", "/%", "/v2/chat/completions", "/V1/MODELS", "/health/../v1/models"]);
}

/** Request headers: the token most of the time, sometimes broken auth, odd types and modes. */
export function headers(pick: Pick, token: string): Record<string, string> {
  const out: Record<string, string> = {};
  out.authorization = pick.chance(0.8) ? `Bearer ${token}` : pick(["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", `bearer   ${token}  `, `Bearer ${"t".repeat(20_000)}`, "Token x", `Bearer ${token}\u00e9`]);
  if (pick.chance(0.9)) out["content-type"] = pick.chance(0.8) ? "application/json" : pick(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "*/*"]);
  if (pick.chance(0.1)) out["x-puter-mode"] = pick(["raw", "standard", "full", "FULL", "nope", "raw\u00e9", ""]);
  if (pick.chance(0.1)) out.accept = pick(["text/html", "*/*", "application/json", "text/event-stream"]);
  if (pick.chance(0.05)) out["content-length"] = pick(["0", "1", "999999999999", "-1"]);
  if (pick.chance(0.05)) out.origin = pick(["https://evil.example", "null"]);
  return out;
}
