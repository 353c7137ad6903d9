/**
 * Big bodies and long streams, in process (no sockets, so only the proxy's own work is timed):
 * - a chat request carrying a 10 MB image data URL, one with a 1 MB prompt, and a 1 MB conversation
 *   of 5,000 turns, against JSON.parse + JSON.stringify of the same body in the same process (the
 *   least any proxy must do), and how much of the proxy's time is the runtime reading the body;
 * - a stream of 10,000 deltas against one of 20: the cost per delta.
 * Part of `npm run bench` (section "bodies"); alone: node --expose-gc --import tsx bench/bodies.ts
 */
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";

export interface BodyRow {
  name: string;
  /** ms, medians of the runs */
  proxyMs: number;
  baselineMs: number;
  /** ms of the proxy's time that is the runtime reading the body as text (UTF-8 decoding, buffering) */
  readingMs: number;
  /** MiB: the largest heap growth (JS heap and array buffers) of one run */
  proxyHeapMb: number;
  baselineHeapMb: number;
}

export interface DeltaRow {
  deltas: number;
  ms: number;
  perDeltaUs: number;
}

const WHOLE = JSON.stringify({ success: true, result: { message: { role: "assistant", content: "ok" }, finish_reason: "stop", usage: { prompt_tokens: 1, completion_tokens: 1 } }, metadata: { service_used: "openai-completion" } });

/** An upstream that answers at once: whole JSON, or `deltas` NDJSON text lines then usage. */
function upstream(deltas = 0): typeof fetch {
  // The body the proxy built is a string already: reading it here would time this double, not the proxy.
  return async () => {
    if (deltas === 0) return new Response(WHOLE, { headers: { "content-type": "application/json" } });
    const line = new TextEncoder().encode(`${JSON.stringify({ type: "text", text: "tok " })}\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < deltas) controller.enqueue(line);
        else {
          controller.enqueue(new TextEncoder().encode(`${JSON.stringify({ type: "usage", usage: { prompt_tokens: 1, completion_tokens: deltas } })}\n`));
          controller.close();
        }
      },
    });
    return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
  };
}

const app = (deltas = 0) => createApp(parseConfig({ LOG_LEVEL: "silent" }), { fetch: upstream(deltas) });
/**
 * The request as a server hands it over: bytes already in memory. A string body would be encoded
 * to UTF-8 by the Request itself, lazily, inside the proxy's first read: the client's work, timed.
 */
function request(body: string): Request {
  const bytes = new TextEncoder().encode(body);
  return new Request("http://proxy.test/v1/chat/completions", { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json", "content-length": String(bytes.byteLength) }, body: bytes });
}
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Median time and largest heap growth (JS heap and array buffers) over `rounds`, after 3 unrecorded warm-up runs. */
async function measure<T>(prepare: () => T, run: (input: T) => Promise<unknown> | unknown, rounds = 15) {
  for (let i = 0; i < 3; i++) await run(prepare());
  const times: number[] = [];
  let peak = 0;
  const used = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  for (let i = 0; i < rounds; i++) {
    // The client's side (encoding the request) is made before the clock starts.
    const input = prepare();
    gc();
    const before = used();
    const started = performance.now();
    await run(input);
    times.push(performance.now() - started);
    peak = Math.max(peak, used() - before);
  }
  return { ms: median(times), peakMb: peak / 1048576 };
}

const conversation = Array.from({ length: 5_000 }, (_, i) => ({ role: i % 2 ? "assistant" : "user", content: `turn ${i} of a long chat `.repeat(8) }));
const bodies = {
  "10 MB image data URL": JSON.stringify({ model: "m", messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: `data:image/png;base64,${"A".repeat(10 * 1024 * 1024)}` } }] }] }),
  "1 MB prompt": JSON.stringify({ model: "m", messages: [{ role: "user", content: "lorem ipsum ".repeat(87_382) }] }),
  "1 MB conversation (5,000 turns)": JSON.stringify({ model: "m", messages: conversation }),
};
/** Every big body, then the short and the long stream. */
export async function measureBodies(log: (line: string) => void): Promise<{ bodies: BodyRow[]; deltas: DeltaRow[] }> {
  const proxy = app();
  const rows: BodyRow[] = [];
  for (const [name, body] of Object.entries(bodies)) {
    const baseline = await measure(() => body, (text) => JSON.stringify(JSON.parse(text)));
    const through = await measure(() => request(body), async (req) => (await proxy.fetch(req)).text());
    // What any server spends handing the body over as text (UTF-8 decoding, buffering): not the proxy's own work.
    const reading = await measure(() => request(body), (req) => req.text());
    const row = { name, proxyMs: through.ms, baselineMs: baseline.ms, readingMs: reading.ms, proxyHeapMb: through.peakMb, baselineHeapMb: baseline.peakMb };
    rows.push(row);
    log(
      `  ${name}: proxy ${row.proxyMs.toFixed(1)} ms (heap +${row.proxyHeapMb.toFixed(1)} MB), JSON.parse+stringify ${row.baselineMs.toFixed(1)} ms (heap +${row.baselineHeapMb.toFixed(1)} MB): ` +
        `${(row.proxyMs / row.baselineMs).toFixed(2)}× time; reading the body as text ${row.readingMs.toFixed(1)} ms, the rest ${((row.proxyMs - row.readingMs) / row.baselineMs).toFixed(2)}×`,
    );
  }
  const chat = JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }], stream: true });
  const deltas: DeltaRow[] = [];
  for (const count of [20, 10_000]) {
    const streaming = app(count);
    const { ms } = await measure(() => request(chat), async (req) => (await streaming.fetch(req)).text(), count > 1000 ? 5 : 50);
    deltas.push({ deltas: count, ms, perDeltaUs: (ms * 1000) / count });
    log(`  stream of ${count} deltas: ${ms.toFixed(2)} ms, ${((ms * 1000) / count).toFixed(2)} µs per delta`);
  }
  return { bodies: rows, deltas };
}
