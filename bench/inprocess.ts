/**
 * The proxy's own work per request, with no sockets: `app.fetch` over an upstream that answers at
 * once with the bench's answer, for each surface, streamed (time to the first chunk) and whole.
 * Runs on every runtime, so each one's cost of the shared core can be read apart from its HTTP stack:
 *   node --import tsx bench/inprocess.ts · deno run -A bench/inprocess.ts · bun bench/inprocess.ts
 */
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import { puterJson, puterStream } from "./double/answers.ts";
import { type Surface, surfaceRequest } from "./workload.ts";

const { whole } = puterStream();
const json = puterJson("bench-fast");
const upstream: typeof fetch = async (_url, init) => {
  if (!String(init?.body).includes('"stream":true')) return new Response(json as Uint8Array<ArrayBuffer>, { headers: { "content-type": "application/json" } });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(whole);
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
};
const app = createApp(parseConfig({ PUTER_API_BASE: "http://puter.invalid", MODE: "raw", LOG_LEVEL: "silent" }), { fetch: upstream });

/** µs to the first chunk of the answer's body. */
async function once(surface: Surface, stream: boolean): Promise<number> {
  const r = surfaceRequest(surface, 0, "bench-fast", stream);
  const bytes = new TextEncoder().encode(r.body);
  const request = new Request(`http://proxy.test${r.path}`, { method: "POST", headers: { ...r.headers, "content-length": String(bytes.byteLength) }, body: bytes });
  const started = performance.now();
  const reader = (await app.fetch(request)).body?.getReader();
  await reader?.read();
  const us = (performance.now() - started) * 1000;
  while (reader && !(await reader.read()).done);
  return us;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const cases: Array<[Surface, boolean]> = [["chat", false], ["chat", true], ["messages", true], ["responses", true]];
for (const [surface, stream] of cases) {
  for (let i = 0; i < 1_000; i++) await once(surface, stream);
  const runs: number[] = [];
  for (let i = 0; i < 3_000; i++) runs.push(await once(surface, stream));
  console.log(`${surface}, ${stream ? "streamed: first chunk" : "whole: answer"}: ${median(runs).toFixed(0)} µs (median of 3,000)`);
}
