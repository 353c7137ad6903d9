/**
 * TTS time to first byte, direct to the Puter double vs through the proxy (Node build), for the
 * `tts-slow` scenario (4 chunks, 150 ms apart). Run: node --import tsx scripts/tts-ttfb.ts [runs]
 */
import { launchProxy } from "../test/e2e/launch.ts";
import { RUNTIMES } from "../test/e2e/runtimes.ts";
import { startPuterDouble } from "../test/puter-double/server.ts";

const RUNS = Number(process.argv[2] ?? 20);
const auth = { authorization: "Bearer ttfb-token", "content-type": "application/json" };

/** ms to the first body chunk and to the end. */
async function time(url: string, body: unknown): Promise<[number, number]> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: auth, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let first = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) first ||= performance.now() - started;
  return [first, performance.now() - started];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const double = await startPuterDouble();
const proxy = await launchProxy(RUNTIMES.node, { PUTER_API_BASE: double.url });
try {
  const results: Record<string, Array<[number, number]>> = { direct: [], proxy: [] };
  for (let i = 0; i < RUNS; i++) {
    results.direct?.push(await time(`${double.url}/drivers/call`, { interface: "puter-tts", method: "synthesize", args: { text: "hi", model: "tts-slow", voice: "alloy", provider: "openai" } }));
    results.proxy?.push(await time(`${proxy.url}/v1/audio/speech`, { input: "hi", model: "tts-slow", voice: "alloy" }));
  }
  for (const [name, rows] of Object.entries(results)) {
    console.log(`${name.padEnd(6)} first byte median ${median(rows.map((r) => r[0])).toFixed(1)} ms, end median ${median(rows.map((r) => r[1])).toFixed(1)} ms (${RUNS} runs)`);
  }
} finally {
  await proxy.stop();
  await double.close();
}
