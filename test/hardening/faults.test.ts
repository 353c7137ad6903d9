import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { INTERNAL_URLS, TEN_MB } from "../puter-double/faults.ts";
import { driverCalls, type InProcess, inProcess, TOKENS, within } from "./in-process.ts";

const user = [{ role: "user", content: "hi" }];
const LEAKS = [TOKENS.older, TOKENS.newer, ...INTERNAL_URLS, "10.0.3.7", "svc.cluster.local"];

/** Asserts no token or internal address appears in an answer or any log line. */
function assertNoLeak(proxy: InProcess, text: string) {
  for (const leak of LEAKS) {
    assert.ok(!text.includes(leak), `the answer quotes ${leak}: ${text.slice(0, 300)}`);
    for (const line of proxy.logs) assert.ok(!line.includes(leak), `a log line quotes ${leak}: ${line}`);
  }
}

/** The `data:` frames of an SSE body, parsed, `[DONE]` kept as a string. */
function frames(text: string): unknown[] {
  return text
    .split("\n\n")
    .filter((f) => f.startsWith("data: "))
    .map((f) => (f === "data: [DONE]" ? "[DONE]" : JSON.parse(f.slice(6))));
}

const lastError = (text: string) => (frames(text).at(-1) as { error?: { code?: string; message?: string } }).error;

for (const [generation, token] of Object.entries(TOKENS)) {
  describe(`a faulty Puter (${generation} backend)`, () => {
    for (const model of ["fault/empty-ndjson", "fault/json-as-ndjson"]) {
      for (const stream of [false, true]) {
        it(`${model} (stream: ${stream}) → 502 upstream_bad_response, never an empty answer`, async () => {
          const proxy = inProcess();
          const response = await within(proxy.chat({ model, stream, messages: user }, token), 5_000, model);
          const body = (await response.json()) as { error: { code: string; type: string } };
          assert.equal(response.status, 502);
          assert.equal(body.error.code, "upstream_bad_response");
        });
      }
    }

    it("fault/json-as-text: a whole JSON answer labelled text/plain is read as JSON; as a stream it is a 502", async () => {
      const proxy = inProcess();
      const whole = await proxy.chat({ model: "fault/json-as-text", messages: user }, token);
      assert.equal(whole.status, 200);
      assert.equal(((await whole.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content, "mislabelled");
      const streamed = await proxy.chat({ model: "fault/json-as-text", stream: true, messages: user }, token);
      assert.equal(streamed.status, 502);
      assert.equal(((await streamed.json()) as { error: { code: string } }).error.code, "upstream_bad_response");
    });

    for (const stream of [false, true]) {
      it(`fault/secret-in-error (stream: ${stream}): neither the answer nor a log line quotes the token or an internal URL`, async () => {
        const proxy = inProcess();
        const response = await proxy.chat({ model: "fault/secret-in-error", stream, messages: user }, token);
        const text = await response.text();
        assert.equal(response.status, 502);
        assert.match(text, /Provider call failed/, "the useful part of Puter's message is kept");
        assertNoLeak(proxy, text);
      });
    }

    it("fault/secret-in-stream-error: the error frame after the stream began is redacted too", async () => {
      const proxy = inProcess();
      const response = await proxy.chat({ model: "fault/secret-in-stream-error", stream: true, messages: user }, token);
      assert.equal(response.status, 200);
      const text = await within(response.text(), 5_000, "stream");
      assert.match(text, /partial/);
      assert.match(lastError(text)?.message ?? "", /Provider call failed/);
      assert.ok(!text.includes("[DONE]"));
      assertNoLeak(proxy, text);
      const whole = await proxy.chat({ model: "fault/secret-in-stream-error", messages: user }, token);
      assert.equal(whole.status, 502);
      assertNoLeak(proxy, await whole.text());
    });

    it("fault/trickle: one byte every 50 ms never finishing a line is cut after STREAM_IDLE_TIMEOUT_MS, with an error frame, upstream closed", async () => {
      const proxy = inProcess({ STREAM_IDLE_TIMEOUT_MS: "300" });
      const started = Date.now();
      const response = await proxy.chat({ model: "fault/trickle", stream: true, messages: user }, token);
      assert.equal(response.status, 200);
      const text = await within(response.text(), 5_000, "trickle");
      const took = Date.now() - started;
      assert.match(text, /begun/);
      assert.equal(lastError(text)?.code, "upstream_timeout");
      assert.ok(took >= 250 && took < 3_000, `cut after ${took} ms`);
      const [call] = driverCalls(proxy.double);
      assert.deepEqual(await within(call!.closed, 2_000, "upstream closed"), { completed: false });
    });

    it("fault/endless-line: a line past the cap is a clear 502, and the upstream is closed", async () => {
      const proxy = inProcess();
      const response = await within(proxy.chat({ model: "fault/endless-line", stream: true, messages: user }, token), 20_000, "endless");
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(response.status, 502);
      assert.equal(body.error.code, "upstream_line_too_long");
      assert.match(body.error.message, /line/i);
      const [call] = driverCalls(proxy.double);
      assert.deepEqual(await within(call!.closed, 2_000, "upstream closed"), { completed: false });
    });

    for (const stream of [false, true]) {
      it(`fault/ten-mb-line (stream: ${stream}): a 10 MB line still passes whole`, async () => {
        const proxy = inProcess();
        const response = await within(proxy.chat({ model: "fault/ten-mb-line", stream, messages: user }, token), 20_000, "10 MB");
        assert.equal(response.status, 200);
        const text = await response.text();
        const content = stream
          ? frames(text)
              .map((f) => (f as { choices?: Array<{ delta?: { content?: string } }> }).choices?.[0]?.delta?.content ?? "")
              .join("")
          : ((JSON.parse(text) as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content ?? "");
        assert.equal(content.length, TEN_MB);
        if (stream) assert.equal(frames(text).at(-1), "[DONE]");
      });
    }

    it("fault/slow-ndjson-whole: a non-stream request answered in slow NDJSON hits UPSTREAM_TIMEOUT_MS (504), upstream closed", async () => {
      const proxy = inProcess({ UPSTREAM_TIMEOUT_MS: "500" });
      const started = Date.now();
      const response = await within(proxy.chat({ model: "fault/slow-ndjson-whole", messages: user }, token), 5_000, "slow whole");
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(response.status, 504);
      assert.equal(body.error.code, "upstream_timeout");
      assert.ok(Date.now() - started < 2_000);
      const [call] = driverCalls(proxy.double);
      assert.deepEqual(await within(call!.closed, 2_000, "upstream closed"), { completed: false });
    });

    for (const stream of [false, true]) {
      it(`fault/redirect (stream: ${stream}) → 502 upstream_redirect`, async () => {
        const proxy = inProcess();
        const response = await proxy.chat({ model: "fault/redirect", stream, messages: user }, token);
        assert.equal(response.status, 502);
        assert.equal(((await response.json()) as { error: { code: string } }).error.code, "upstream_redirect");
      });
    }
  });
}
