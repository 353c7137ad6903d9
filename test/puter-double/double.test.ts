import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPuterDouble, type FetchPuterDouble } from "./double.ts";
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from "./scenarios.ts";
import { startPuterDouble, type PuterDouble } from "./server.ts";
import { chatBody, complete, endsInsideCharacter, parseNdjson, VALID_TOKEN, within } from "./test-helpers.ts";

// The fetch function answers exactly as the server wrapped around it, with no socket in between.

let server: PuterDouble;
let double: FetchPuterDouble;
before(async () => {
  server = await startPuterDouble({ fakeDelayMs: 10, intervalMs: 1 });
  double = createPuterDouble({ fakeDelayMs: 10, intervalMs: 1 });
});
after(async () => {
  await server.close();
  await double.close();
});

/** POST /drivers/call through the fetch double. */
function callFetch(args: Record<string, unknown>, init: RequestInit = {}, token = VALID_TOKEN): Promise<Response> {
  return double.fetch(`${double.url}/drivers/call`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(chatBody(args)),
    ...init,
  });
}

const HEADERS = ["content-type", "content-length", "transfer-encoding", "x-needs-upgrade", "retry-after", "access-control-allow-origin", "vary"];
const picked = (res: Response) => HEADERS.map((name) => [name, res.headers.get(name)]);

/** Scenarios with a deterministic, finite answer; the others are tested one by one below. */
const comparable = SCENARIO_NAMES.filter((name: ScenarioName) => {
  const s = SCENARIOS[name];
  if (s.kind === "answer") return s.delivery !== "stall" && s.delivery !== "cut";
  return s.kind === "json" || s.kind === "text" || s.kind === "echo";
});

describe("fetch double and server double give the same answer", () => {
  for (const name of comparable) {
    for (const stream of [false, true]) {
      it(`${name} (stream: ${stream})`, async () => {
        const viaServer = await complete(server.url, { model: name, stream });
        const viaFetch = await callFetch({ model: name, stream });
        assert.equal(viaFetch.status, viaServer.status);
        assert.deepEqual(picked(viaFetch), picked(viaServer));
        assert.equal(await viaFetch.text(), await viaServer.text());
      });
    }
  }
});

describe("fetch double: delivery", () => {
  it("keeps split chunks apart, some cut inside a UTF-8 character", async () => {
    const res = await callFetch({ model: "stream/split-utf8", stream: true });
    const chunks: Uint8Array[] = [];
    const reader = res.body!.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    assert.ok(chunks.length >= 4, `expected several chunks, got ${chunks.length}`);
    assert.ok(chunks.slice(0, -1).some((c) => endsInsideCharacter(Buffer.from(c))));
  });
  it("spaces stream/slow's lines 50 ms apart", async () => {
    const started = Date.now();
    await (await callFetch({ model: "stream/slow", stream: true })).text();
    assert.ok(Date.now() - started >= 400);
  });
  it("resolves closed completed:true once the body was read to the end", async () => {
    const res = await callFetch({ model: "openai/text", stream: true });
    const recorded = double.requests.at(-1)!;
    assert.equal(recorded.path, "/drivers/call");
    assert.equal(recorded.headers.authorization, `Bearer ${VALID_TOKEN}`);
    await res.text();
    assert.deepEqual(await within(recorded.closed, 2000, "closed"), { completed: true });
  });
});

describe("fetch double: aborts and broken connections", () => {
  it("an abort errors the body with the abort reason and closes completed:false", async () => {
    const controller = new AbortController();
    const res = await callFetch({ model: "stream/long", stream: true }, { signal: controller.signal });
    const reader = res.body!.getReader();
    const first = await within(reader.read(), 2000, "first chunk");
    assert.match(new TextDecoder().decode(first.value), /tick 0/);
    const reason = new Error("client gone");
    controller.abort(reason);
    await assert.rejects(reader.read(), (e) => e === reason);
    assert.deepEqual(await within(double.requests.at(-1)!.closed, 2000, "closed"), { completed: false });
  });
  it("cancelling the body closes completed:false and stops the stall", async () => {
    const res = await callFetch({ model: "stream/stall", stream: true });
    const reader = res.body!.getReader();
    const { value } = await within(reader.read(), 2000, "first chunk");
    assert.deepEqual(parseNdjson(new TextDecoder().decode(value)), [{ type: "text", text: "Waiting for the rest" }]);
    await reader.cancel();
    assert.deepEqual(await within(double.requests.at(-1)!.closed, 2000, "closed"), { completed: false });
  });
  it("stream/cut delivers its line, then a read rejects like a broken connection", async () => {
    const reader = (await callFetch({ model: "stream/cut", stream: true })).body!.getReader();
    const first = await within(reader.read(), 2000, "line");
    assert.equal(new TextDecoder().decode(first.value), '{"type":"text","text":"Cut off "}\n');
    await assert.rejects(within(reader.read(), 2000, "cut"), TypeError);
    assert.deepEqual(await double.requests.at(-1)!.closed, { completed: false });
  });
  it("bad/reset rejects the fetch with a TypeError", async () => {
    await assert.rejects(within(callFetch({ model: "bad/reset" }), 2000, "reset"), TypeError);
    assert.deepEqual(await double.requests.at(-1)!.closed, { completed: false });
  });
  it("bad/hang answers nothing until aborted, then rejects with the abort reason", async () => {
    const controller = new AbortController();
    const pending = callFetch({ model: "bad/hang" }, { signal: controller.signal });
    const settled = await Promise.race([pending.then(() => "answered"), new Promise((r) => setTimeout(r, 50, "waiting"))]);
    assert.equal(settled, "waiting");
    controller.abort();
    await assert.rejects(within(pending, 2000, "hang"), (e) => e instanceof DOMException && e.name === "AbortError");
  });
  it("close() breaks pending responses and counts nothing pending after", async () => {
    const own = createPuterDouble();
    const pending = own.fetch(`${own.url}/drivers/call`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${VALID_TOKEN}` },
      body: JSON.stringify(chatBody({ model: "bad/hang" })),
    });
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(own.pending(), 1);
    await own.close();
    await assert.rejects(pending, TypeError);
    assert.equal(own.pending(), 0);
  });
});

describe("fetch double: request bodies", () => {
  const json = JSON.stringify(chatBody({ model: "openai/text" }));
  const bytes = new TextEncoder().encode(json);
  const bodies: [string, () => RequestInit][] = [
    ["string", () => ({ body: json })],
    ["Uint8Array", () => ({ body: bytes })],
    ["ArrayBuffer", () => ({ body: bytes.slice().buffer })],
    ["Blob", () => ({ body: new Blob([json]) })],
    ["ReadableStream", () => ({ body: new Blob([json]).stream(), duplex: "half" } as RequestInit)],
  ];
  for (const [kind, init] of bodies) {
    it(`reads a ${kind} body`, async () => {
      const res = await double.fetch(`${double.url}/drivers/call`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${VALID_TOKEN}` },
        ...init(),
      });
      assert.equal(res.status, 200);
      assert.deepEqual(double.requests.at(-1)!.body, JSON.parse(json));
      await res.text();
    });
  }
  it("takes a Request object", async () => {
    const request = new Request(`${double.url}/drivers/call?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${VALID_TOKEN}` },
      body: json,
    });
    const res = await double.fetch(request);
    assert.equal(res.status, 200);
    assert.equal(double.requests.at(-1)!.path, "/drivers/call?x=1");
    await res.text();
  });
  it("leaves a FormData body unparsed, as Puter does: 400 missing interface", async () => {
    const form = new FormData();
    form.set("interface", "puter-chat-completion");
    const res = await double.fetch(`${double.url}/drivers/call`, {
      method: "POST",
      headers: { authorization: `Bearer ${VALID_TOKEN}` },
      body: form,
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: string }).code, "bad_request");
  });
});
