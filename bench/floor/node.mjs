/**
 * The least any proxy on Node can do, for the bench's "floor" row: a node:http server that passes
 * each request's bytes to the upstream over a keep-alive agent and pipes the answer's bytes back.
 * No parsing, no translation, no checks: what is left of a proxy's cost is Node's HTTP stack.
 * Env: PORT, HOST, PUTER_API_BASE (the bench double).
 */
import { Agent, createServer, request } from "node:http";

const upstream = new URL(process.env.PUTER_API_BASE ?? "http://127.0.0.1:4100");
const agent = new Agent({ keepAlive: true });
const PASSED = ["content-type", "content-length", "authorization"];

const server = createServer((incoming, outgoing) => {
  const headers = {};
  for (const name of PASSED) if (incoming.headers[name] !== undefined) headers[name] = incoming.headers[name];
  const call = request({ host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers, agent }, (answer) => {
    const back = { "content-type": answer.headers["content-type"] ?? "application/octet-stream" };
    if (answer.headers["content-length"] !== undefined) back["content-length"] = answer.headers["content-length"];
    outgoing.writeHead(answer.statusCode ?? 502, back);
    answer.pipe(outgoing);
  });
  call.on("error", () => outgoing.destroy());
  outgoing.on("close", () => call.destroy());
  incoming.pipe(call);
});
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => console.log(`node floor listening on ${server.address().port}`));
