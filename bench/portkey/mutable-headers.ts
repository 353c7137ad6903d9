/**
 * Preloaded into Portkey for the streaming and memory runs only (`node --import`). Stock Portkey
 * 1.15.2 answers every streamed request with 500 "Something went wrong" on a fresh install: with
 * @hono/node-server >1.14.2 its `updateHeaders()` appends to the upstream fetch Response's headers,
 * which the fetch spec makes immutable (Portkey-AI/gateway#1389, #1550). Their proposed fix (#1551)
 * copies the upstream Response before touching it; this does the same one step earlier, for every
 * upstream call, so Portkey's own code runs unchanged. It costs one Response wrapper per call.
 */
const nativeFetch = globalThis.fetch;
// Captured before @hono/node-server replaces the global Response with its lightweight one.
const NativeResponse = globalThis.Response;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const response = await nativeFetch(input, init);
  return new NativeResponse(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
};
