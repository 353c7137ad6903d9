import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { rawRequest, slowUpload } from "../helpers/raw-http.ts";
import { INTERNAL_URLS, TEN_MB } from "../puter-double/faults.ts";
import { type PuterDouble, startPuterDouble } from "../puter-double/server.ts";
import { TOKEN, useProxy, within } from "./harness.ts";
import { selectedRuntimes } from "./runtimes.ts";

const ENV = { STREAM_IDLE_TIMEOUT_MS: "500", UPSTREAM_TIMEOUT_MS: "5000", REQUEST_BODY_TIMEOUT_MS: "1000" };
const user = [{ role: "user", content: "hi" }];
const json = { "content-type": "application/json", authorization: `Bearer ${TOKEN}` };
const LEAKS = [TOKEN, ...INTERNAL_URLS, "10.0.3.7", "svc.cluster.local"];

/** Resident memory of a process group in bytes (the runtime and what it started). */
function groupRss(pgid: number): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) * 1024;
}

const lastFrame = (text: string) => JSON.parse(text.trim().split("\n\n").at(-1)?.replace(/^data: /, "") ?? "{}") as { error?: { code?: string; message?: string } };

for (const runtime of selectedRuntimes()) {
  describe(`a faulty Puter and hostile clients on ${runtime.name}`, () => {
    const h = useProxy(runtime, ENV);
    const chat = (body: unknown) => h.fetch("/v1/chat/completions", { method: "POST", headers: json, body: JSON.stringify(body) });
    const calls = () => h.double.requests.filter((r) => r.path.startsWith("/drivers/call"));
    let target: PuterDouble;
    before(async () => {
      target = await startPuterDouble();
    });
    after(async () => {
      await target?.close();
    });

    it("5,000 levels in an extra field or a content part → 400 nesting_too_deep; Puter never called", async () => {
      const deep = `${"[".repeat(5_000)}1${"]".repeat(5_000)}`;
      const seen = calls().length;
      for (const body of [
        `{"model":"echo","messages":[{"role":"user","content":"hi"}],"x_extra":${deep}}`,
        `{"model":"echo","stream":true,"messages":[{"role":"user","content":[{"type":"text","text":"hi","x_extra":${deep}}]}]}`,
      ]) {
        const response = await h.fetch("/v1/chat/completions", { method: "POST", headers: json, body });
        const answer = (await response.json()) as { error: { code: string } };
        assert.equal(response.status, 400);
        assert.equal(answer.error.code, "nesting_too_deep");
      }
      assert.equal(calls().length, seen, "Puter was never called");
    });

    it("%0a, %0d%0a and escaped control characters in the path → exactly one escaped log line each", async () => {
      const marks = ["FORGEDa", "FORGEDb", "FORGEDc"];
      for (const [i, path] of ["/v1/models%0aFORGEDa 200 1ms", "/health%0d%0aFORGEDb", "/x%1b[2J%00%7fFORGEDc"].entries()) {
        await (await h.fetch(path)).arrayBuffer();
        const deadline = Date.now() + 5_000;
        while (!h.proxy.output().includes(marks[i] as string) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      }
      for (const mark of marks) {
        // wrangler dev prints its own access line (URL still percent-encoded, so nothing forged): not the proxy's.
        const lines = h.proxy.output().split(/\r?\n/).filter((line) => line.includes(mark) && !line.startsWith("[wrangler"));
        assert.equal(lines.length, 1, `${mark}: ${JSON.stringify(lines)}`);
        assert.match(lines[0] ?? "", /GET \/.*\\x[01][0-9a-f].* \d{3} \d+ms/);
        assert.doesNotMatch(lines[0] ?? "", /[\u0000-\u0008\u000b-\u001f\u007f]/);
      }
    });

    for (const model of ["fault/empty-ndjson", "fault/json-as-ndjson"]) {
      it(`${model} → 502 upstream_bad_response, streaming or not`, async () => {
        for (const stream of [false, true]) {
          const response = await chat({ model, stream, messages: user });
          assert.equal(response.status, 502);
          assert.equal(((await response.json()) as { error: { code: string } }).error.code, "upstream_bad_response");
        }
      });
    }

    it("fault/secret-in-error and fault/secret-in-stream-error: no token or internal URL in any answer or log line", async () => {
      const texts: string[] = [];
      for (const stream of [false, true]) {
        const before = await chat({ model: "fault/secret-in-error", stream, messages: user });
        assert.equal(before.status, 502);
        texts.push(await before.text());
      }
      const during = await chat({ model: "fault/secret-in-stream-error", stream: true, messages: user });
      assert.equal(during.status, 200);
      const text = await within(during.text(), 10_000, "stream");
      assert.match(lastFrame(text).error?.message ?? "", /Provider call failed/);
      texts.push(text);
      for (const leak of LEAKS) {
        for (const t of texts) assert.ok(!t.includes(leak), `an answer quotes ${leak}`);
        assert.ok(!h.proxy.output().includes(leak), `the log quotes ${leak}`);
      }
    });

    it("fault/trickle: a byte every 50 ms without a newline is cut after STREAM_IDLE_TIMEOUT_MS with an error frame; Puter's connection closes", async () => {
      const started = Date.now();
      const response = await chat({ model: "fault/trickle", stream: true, messages: user });
      assert.equal(response.status, 200);
      const text = await within(response.text(), 10_000, "trickle");
      assert.equal(lastFrame(text).error?.code, "upstream_timeout");
      assert.ok(Date.now() - started < 5_000, `cut after ${Date.now() - started} ms`);
      assert.deepEqual(await within(calls().at(-1)!.closed, 5_000, "upstream closed"), { completed: false });
    });

    it("fault/endless-line: megabytes without a newline → a clear 502, bounded memory, Puter's connection closed", async (t) => {
      const rssBefore = groupRss(h.proxy.pgid);
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, groupRss(h.proxy.pgid))), 50);
      try {
        const response = await within(chat({ model: "fault/endless-line", stream: true, messages: user }), 30_000, "endless line");
        const answer = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(response.status, 502);
        assert.equal(answer.error.code, "upstream_line_too_long");
      } finally {
        clearInterval(sampler);
      }
      t.diagnostic(`RSS ${Math.round(rssBefore / 1048576)} MB before, peak ${Math.round(peak / 1048576)} MB`);
      // Under wrangler dev the group also holds wrangler's own Node proxy and workerd's buffers of what
      // Puter sent, which our code does not hold; the cap and the 502 above are what is ours there.
      if (runtime.name !== "workers") assert.ok(peak - rssBefore < 200 * 1024 * 1024, `RSS grew by ${Math.round((peak - rssBefore) / 1048576)} MB`);
      assert.deepEqual(await within(calls().at(-1)!.closed, 5_000, "upstream closed"), { completed: false });
    });

    it("fault/ten-mb-line: a 10 MB line still passes, streaming or not", async () => {
      const whole = await within(chat({ model: "fault/ten-mb-line", messages: user }), 30_000, "10 MB whole");
      assert.equal(whole.status, 200);
      const body = (await whole.json()) as { choices: Array<{ message: { content: string } }> };
      assert.equal(body.choices[0]?.message.content.length, TEN_MB);
      const streamed = await within(chat({ model: "fault/ten-mb-line", stream: true, messages: user }), 30_000, "10 MB stream");
      const text = await within(streamed.text(), 30_000, "10 MB stream body");
      assert.ok(text.trimEnd().endsWith("data: [DONE]"));
      assert.ok(text.length > TEN_MB);
    });

    it("fault/slow-ndjson-whole: a non-stream request answered in slow NDJSON → 504 at UPSTREAM_TIMEOUT_MS", async () => {
      const started = Date.now();
      const response = await within(chat({ model: "fault/slow-ndjson-whole", messages: user }), 20_000, "slow whole");
      assert.equal(response.status, 504);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, "upstream_timeout");
      const took = Date.now() - started;
      assert.ok(took >= 4_500 && took < 12_000, `took ${took} ms`);
    });

    it("fault/redirect: a 307 to another host → 502 upstream_redirect; that host receives nothing", async () => {
      for (const stream of [false, true]) {
        const response = await chat({ model: "fault/redirect", stream, messages: [{ role: "user", content: `${target.url}/drivers/call` }] });
        const answer = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(response.status, 502);
        assert.equal(answer.error.code, "upstream_redirect");
        assert.doesNotMatch(answer.error.message, /127\.0\.0\.1/);
      }
      assert.deepEqual(target.requests, [], "the redirect target got nothing");
    });

    // wrangler dev reads a whole request body before the Worker runs (as Cloudflare's edge does), so
    // a slow upload never reaches the Worker's own deadline there.
    const uploadTodo = runtime.name === "workers" ? "wrangler dev buffers the request body before the Worker sees it" : undefined;
    it("a slow upload → 408 request_timeout after REQUEST_BODY_TIMEOUT_MS", { todo: uploadTodo }, async () => {
      const port = Number(new URL(h.proxy.url).port);
      const result = await slowUpload(port, "/v1/chat/completions", TOKEN, 100);
      assert.match(result.statusLine, /^HTTP\/1\.1 408/, JSON.stringify(result));
      assert.ok(result.ms >= 900 && result.ms < 5_000, `answered after ${result.ms} ms`);
    });

    // Bun 1.4 hides a GET's body from the handler and closes with it unread: a reset our code cannot
    // prevent (raw Bun.serve with no proxy code resets the same way; a POST's body it exposes is drained).
    const getTodo = runtime.name === "bun" ? "Bun closes a Connection: close socket with a GET body unread (platform; see report)" : undefined;
    for (const [method, path, status, todo] of [
      ["GET", "/health", "200 OK", getTodo],
      ["GET", "/nowhere", "404 Not Found", getTodo],
      ["POST", "/health", "405 Method Not Allowed", undefined],
    ] as const) {
      it(`${method} ${path} with a 4 MB body and Connection: close → the answer, never a reset`, { todo }, async () => {
        const port = Number(new URL(h.proxy.url).port);
        for (let i = 0; i < 5; i++) {
          const result = await rawRequest(port, method, path, 4 * 1024 * 1024);
          assert.deepEqual(result, { statusLine: `HTTP/1.1 ${status}` }, `attempt ${i}`);
        }
      });
    }
  });
}
