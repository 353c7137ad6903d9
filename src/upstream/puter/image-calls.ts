import type { DriverClientOptions } from "./client.ts";
import { callDriver } from "./client.ts";
import { readDriverResult } from "./driver-result.ts";
import { type ImageRequest, imageArgs, imageLocation } from "./image.ts";

/** Puter makes one image per call; free accounts may run 3 calls at once, so 2 leaves room for others. */
export const IMAGE_CONCURRENCY = 2;

/**
 * `n` images, one `generate` call each, at most {@link IMAGE_CONCURRENCY} in flight; the first
 * failure fails the whole request (the client's signal then stops the calls still running).
 */
export async function generateImages(driver: DriverClientOptions, token: string, request: ImageRequest, n: number, signal?: AbortSignal): Promise<string[]> {
  const call = { interface: "puter-image-generation", method: "generate", args: imageArgs(request) };
  const stop = new AbortController();
  const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const out: string[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const index = next++;
      const reply = await callDriver(driver, token, call, { signal: both, stream: false });
      out[index] = imageLocation(await readDriverResult(reply, request.model));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(n, IMAGE_CONCURRENCY) }, worker));
  } catch (error) {
    stop.abort();
    throw error;
  }
  return out;
}
