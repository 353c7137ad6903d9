import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EXPECTED } from "./scenarios.ts";
import { startPuterDouble, type PuterDouble, type RecordedRequest } from "./server.ts";
import {
  chatBody,
  complete,
  dig,
  endsInsideCharacter,
  parseNdjson,
  rawPost,
  summarizeLines,
  within,
} from "./test-helpers.ts";

// How streams and broken answers behave on the wire: chunking, timing, aborts, cuts.

let double: PuterDouble;
before(async () => {
  double = await startPuterDouble({ fakeDelayMs: 10, intervalMs: 1 });
});
after(() => double.close());

/** The request the double recorded for the call just started. */
function lastRequest(): RecordedRequest {
  const recorded = double.requests.at(-1);
  assert.ok(recorded);
  return recorded;
}

/** Reads the first chunk of a streaming fetch, then aborts it; returns what the double saw. */
async function abortAfterFirstChunk(model: string): Promise<{ first: string; completed: boolean }> {
  const controller = new AbortController();
  const res = await complete(double.url, { model, stream: true }, { signal: controller.signal });
  const reader = res.body!.getReader();
  // Generous deadlines: CI runs this beside five runtimes' suites on two cores; a regression still fails in seconds.
  const { value } = await within(reader.read(), 10_000, "first chunk");
  const recorded = lastRequest();
  controller.abort();
  const { completed } = await within(recorded.closed, 10_000, "closed after abort");
  return { first: new TextDecoder().decode(value), completed };
}

describe("NDJSON framing", () => {
  it("fake streams one text line after the delay, then usd_cents only (capture 03)", async () => {
    const res = await complete(double.url, { model: "fake", stream: true });
    assert.equal(res.headers.get("content-type"), "application/x-ndjson");
    assert.equal(res.headers.get("transfer-encoding"), "chunked");
    assert.equal(res.headers.get("content-length"), null);
    const lines = parseNdjson(await res.text());
    assert.equal(lines.length, 2);
    assert.equal(lines[0]?.type, "text");
    assert.ok(String(lines[0]?.text).length > 20);
    assert.deepEqual(lines[1], { type: "usage", usage: { usd_cents: null } });
  });

  it("sends each line as its own chunk", async () => {
    const raw = await rawPost(double.url, "/drivers/call", chatBody({ model: "openai/text", stream: true }));
    assert.equal(raw.headers["transfer-encoding"], "chunked");
    const text = Buffer.concat(raw.chunks).toString("utf8");
    assert.equal(parseNdjson(text).length, 6);
    assert.ok(raw.chunks.length >= 2, `expected several chunks, got ${raw.chunks.length}`);
  });

  it("stream/split-utf8 arrives in pieces cut inside multi-byte characters", async () => {
    const raw = await rawPost(double.url, "/drivers/call", chatBody({ model: "stream/split-utf8", stream: true }));
    assert.equal(raw.status, 200);
    assert.ok(raw.chunks.length >= 4, `expected several chunks, got ${raw.chunks.length}`);
    const inside = raw.chunks.slice(0, -1).filter(endsInsideCharacter);
    assert.ok(inside.length >= 1, "a chunk boundary falls inside a UTF-8 character");
    const text = Buffer.concat(raw.chunks).toString("utf8");
    assert.ok(text.includes("}\n\n{"), "a blank line between two lines");
    assert.ok(raw.chunks.some((c) => c[0] === 0x0a), "a chunk starts right after a newline");
    assert.equal(summarizeLines(parseNdjson(text)).text, EXPECTED["stream/split-utf8"].text);
  });

  it("stream/slow spaces its ten ticks 50 ms apart", async () => {
    const started = Date.now();
    const summary = summarizeLines(parseNdjson(await (await complete(double.url, { model: "stream/slow", stream: true })).text()));
    assert.ok(Date.now() - started >= 400, "at least 9 gaps of 50 ms");
    assert.equal(summary.text, "tick 0 tick 1 tick 2 tick 3 tick 4 tick 5 tick 6 tick 7 tick 8 tick 9 ");
    assert.notEqual(summary.usage, null);
  });

  it("stream/mid-error ends with an error line and no usage", async () => {
    const lines = parseNdjson(await (await complete(double.url, { model: "stream/mid-error", stream: true })).text());
    assert.deepEqual(lines.at(-1), { type: "error", message: "Overloaded" });
    assert.ok(!lines.some((l) => l.type === "usage"));
  });
});

describe("client aborts and broken connections", () => {
  it("closed reports completed:false when the client aborts stream/long", async () => {
    const { first, completed } = await abortAfterFirstChunk("stream/long");
    assert.match(first, /tick 0/);
    assert.equal(completed, false);
  });

  it("stream/stall sends one line and then holds the response open", async () => {
    const { first, completed } = await abortAfterFirstChunk("stream/stall");
    assert.deepEqual(parseNdjson(first), [{ type: "text", text: "Waiting for the rest" }]);
    assert.equal(completed, false);
  });

  it("stream/cut destroys the socket after one line", async () => {
    const raw = await within(
      rawPost(double.url, "/drivers/call", chatBody({ model: "stream/cut", stream: true })),
      2000,
      "cut response",
    );
    assert.equal(raw.aborted, true);
    assert.equal(Buffer.concat(raw.chunks).toString("utf8"), '{"type":"text","text":"Cut off "}\n');
    assert.deepEqual(await within(lastRequest().closed, 2000, "closed"), { completed: false });
  });

  it("bad/reset destroys the socket before any header", async () => {
    await assert.rejects(within(complete(double.url, { model: "bad/reset" }), 2000, "reset"));
    assert.deepEqual(await within(lastRequest().closed, 2000, "closed"), { completed: false });
  });

  it("bad/hang sends nothing until the client goes away", async () => {
    const controller = new AbortController();
    const pending = complete(double.url, { model: "bad/hang" }, { signal: controller.signal });
    const timer = setTimeout(() => controller.abort(), 100);
    await assert.rejects(within(pending, 2000, "hang"));
    clearTimeout(timer);
    assert.deepEqual(await within(lastRequest().closed, 2000, "closed"), { completed: false });
  });

  it("close() ends hanging requests and the open connections", async () => {
    const own = await startPuterDouble({ fakeDelayMs: 10 });
    const pending = complete(own.url, { model: "bad/hang" }).catch(() => "rejected");
    await within(
      (async () => {
        while (own.requests.length === 0 || own.openConnections() === 0) await new Promise((r) => setTimeout(r, 5));
      })(),
      2000,
      "request arrives",
    );
    await within(own.close(), 2000, "close");
    assert.equal(own.openConnections(), 0);
    assert.equal(await pending, "rejected");
    assert.deepEqual(await own.requests[0]?.closed, { completed: false });
  });
});

describe("the same behaviours without stream", () => {
  it("stream/split-utf8 sends its JSON body in awkward pieces that still parse", async () => {
    const raw = await rawPost(double.url, "/drivers/call", chatBody({ model: "stream/split-utf8" }));
    assert.ok(raw.chunks.slice(0, -1).some(endsInsideCharacter));
    const body = JSON.parse(Buffer.concat(raw.chunks).toString("utf8")) as unknown;
    assert.equal(dig(body, "result", "message", "content"), EXPECTED["stream/split-utf8"].text);
  });
  it("stream/cut sends half of the promised JSON, then destroys the socket", async () => {
    const raw = await within(rawPost(double.url, "/drivers/call", chatBody({ model: "stream/cut" })), 2000, "cut");
    assert.equal(raw.aborted, true);
    const received = Buffer.concat(raw.chunks).length;
    assert.ok(received > 0 && received < Number(raw.headers["content-length"]));
  });
});

describe("bad answers", () => {
  it("bad/garbage is a 200 JSON content type with a body that does not parse", async () => {
    const res = await complete(double.url, { model: "bad/garbage" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(await res.text(), "not json{");
  });
  it("bad/html is a load balancer's 502 page", async () => {
    const res = await complete(double.url, { model: "bad/html", stream: true });
    assert.equal(res.status, 502);
    assert.equal(res.headers.get("content-type"), "text/html");
    assert.equal(await res.text(), "<html><body>Bad Gateway</body></html>");
  });
  it("bad/empty is success with an empty result", async () => {
    assert.deepEqual(await (await complete(double.url, { model: "bad/empty" })).json(), { success: true, result: {} });
  });
});
