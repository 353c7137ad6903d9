import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TOKENS } from "../hardening/in-process.ts";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { createPuterDouble } from "../puter-double/double.ts";
import { chatBody, headers, METHODS, path, picker, prng } from "./generators.ts";

// FUZZ_SEED and FUZZ_CASES reproduce or widen a run; a failure names its seed and case.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CASES = Number(process.env.FUZZ_CASES ?? 3_000);
const CASE_DEADLINE_MS = 5_000;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Models that answer well; anything else is a random name Puter does not know. */
const MODELS = ["echo", "openai/text", "fake", "gpt-4o-mini"];
const BODYLESS = new Set(["GET", "HEAD"]);

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | ReadableStream<Uint8Array>;
}

function makeCase(pick: ReturnType<typeof picker>): Case {
  const token = pick([TOKENS.older, TOKENS.newer]);
  const chat = pick.chance(0.65);
  const method = chat ? "POST" : pick(METHODS);
  const target = chat ? pick(["/v1/chat/completions", "/chat/completions"]) : path(pick);
  const model = pick.chance(0.85) ? pick(MODELS) : pick(["", " ", "no-such-model", "x".repeat(5_000), "openai/../../admin", "\u0000", "ECHO "]);
  const request: Case = { method, path: target, headers: headers(pick, token) };
  if (BODYLESS.has(method)) return request;
  if (pick.chance(0.01)) {
    // A body that starts and never ends: the body deadline must answer it.
    request.body = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"model":')) });
  } else request.body = chatBody(pick, model);
  return request;
}

function describeCase(index: number, c: Case): string {
  const body = typeof c.body === "string" ? c.body.slice(0, 200) : c.body ? "<stalled stream>" : "";
  return `case ${index} (FUZZ_SEED=${SEED}): ${c.method} ${c.path.slice(0, 100)} ${JSON.stringify(c.headers).slice(0, 200)} ${body}`;
}

async function deadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`hang: ${what}`)), CASE_DEADLINE_MS)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function assertEnvelope(status: number, text: string, what: string) {
  let parsed: unknown;
  assert.doesNotThrow(() => (parsed = JSON.parse(text)), `${what}: an error body that is not JSON: ${text.slice(0, 200)}`);
  const error = (parsed as { error?: Record<string, unknown> }).error;
  assert.ok(error && typeof error.message === "string" && error.message.length > 0, `${what}: no error.message`);
  assert.equal(typeof error.type, "string", `${what}: no error.type`);
  assert.ok(error.code === null || typeof error.code === "string", `${what}: bad error.code`);
  assert.ok(error.param === null || typeof error.param === "string", `${what}: bad error.param`);
  assert.doesNotMatch(error.message as string, /\n\s+at |TypeError|RangeError|SyntaxError: /, `${what}: a stack or raw exception in ${status}`);
}

describe(`seeded fuzz: ${CASES} malformed requests (seed ${SEED})`, () => {
  it("no crash, no hang, every error in the OpenAI envelope, no 5xx, no token or internal URL anywhere", async () => {
    const double = createPuterDouble({ fakeDelayMs: 1, intervalMs: 0 });
    const logs: string[] = [];
    const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "info", REQUEST_BODY_TIMEOUT_MS: "200", MAX_BODY_BYTES: String(1 << 20) }), {
      fetch: double.fetch,
      log: (line) => logs.push(line),
    });
    const pick = picker(prng(SEED));
    const statuses = new Map<number, number>();
    for (let index = 0; index < CASES; index++) {
      const c = makeCase(pick);
      const what = describeCase(index, c);
      const before = logs.length;
      let request: Request;
      try {
        request = new Request(`http://proxy.test${c.path}`, { method: c.method, headers: c.headers, body: c.body, duplex: "half" } as RequestInit);
      } catch {
        continue; // A request the Fetch API cannot represent cannot reach the proxy either.
      }
      const response = await deadline(Promise.resolve(app.fetch(request)), what);
      const text = await deadline(response.text(), `${what} (body)`);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assert.ok(response.status < 500, `${what}: ${response.status} ${text.slice(0, 300)}`);
      if (response.status >= 400 && c.method !== "HEAD") assertEnvelope(response.status, text, what);
      for (const secret of [TOKENS.older, TOKENS.newer, double.url, "puter-double"]) {
        assert.ok(!text.includes(secret), `${what}: the answer contains ${secret}`);
      }
      const lines = logs.slice(before);
      assert.equal(lines.length, 1, `${what}: ${lines.length} log lines ${JSON.stringify(lines)}`);
      for (const line of lines) {
        assert.doesNotMatch(line, CONTROL, `${what}: a control character in a log line`);
        assert.ok(![TOKENS.older, TOKENS.newer, double.url].some((s) => line.includes(s)), `${what}: a log line leaks ${line}`);
      }
    }
    await double.close();
    if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify([...statuses].sort()));
    // Sanity: the generator reached the proxy's paths, not just one kind of refusal.
    for (const status of [200, 400, 401, 404, 405]) assert.ok((statuses.get(status) ?? 0) > 0, `no ${status} in ${JSON.stringify([...statuses])}`);
  });
});
