/**
 * The least any proxy on Deno can do, for the bench's "floor" row: Deno.serve, the request's body
 * read once and sent on with fetch, the answer's body streamed back. No parsing, no translation,
 * no checks: what is left of a proxy's cost is Deno's HTTP stack.
 * Env: PORT, HOST, PUTER_API_BASE (the bench double).
 */
declare const Deno: {
  env: { get(name: string): string | undefined };
  serve(options: { port: number; hostname: string; onListen(address: { port: number }): void }, handler: (request: Request) => Promise<Response>): unknown;
};

const upstream = Deno.env.get("PUTER_API_BASE") ?? "http://127.0.0.1:4100";
const PASSED = ["content-type", "authorization"];

Deno.serve(
  { port: Number(Deno.env.get("PORT") ?? 8080), hostname: Deno.env.get("HOST") ?? "127.0.0.1", onListen: ({ port }) => console.log(`deno floor listening on ${port}`) },
  async (request) => {
    const headers: Record<string, string> = {};
    for (const name of PASSED) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const answer = await fetch(upstream + new URL(request.url).pathname, { method: request.method, headers, body: await request.text(), signal: request.signal });
    return new Response(answer.body, { status: answer.status, headers: { "content-type": answer.headers.get("content-type") ?? "application/octet-stream" } });
  },
);
