/**
 * A small timed HTTP client for the measurements autocannon cannot make: when the first body byte
 * came, and when each later chunk came, as the client's socket saw them.
 */
import { Agent, request } from "node:http";

/** One request as a path sends it: where, which headers, which bytes. */
export interface BenchRequest {
  port: number;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface TimedResponse {
  status: number;
  text: string;
  /** ms from sending to the response headers. */
  headersMs: number;
  /** ms from sending to the first body byte (NaN when the body was empty). */
  firstByteMs: number;
  /** ms from sending to the end of the body. */
  totalMs: number;
  /** ms from sending to each body chunk's arrival. */
  arrivals: number[];
  /** The response's Connection header: "close" means the next request pays a new TCP connection. */
  connection?: string;
}

/** Keeps one connection per target alive between sequential requests, like a real SDK client. */
export const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A fresh connection per request: for probing a server that may not be listening yet. */
export const noKeepAliveAgent = new Agent({ keepAlive: false });

/** Sends one request and times it; rejects on socket errors and after `timeoutMs`. */
export function timedRequest(req: BenchRequest, agent: Agent, timeoutMs: number): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const body = Buffer.from(req.body);
    const outgoing = request(
      {
        host: "127.0.0.1",
        port: req.port,
        path: req.path,
        method: "POST",
        agent,
        headers: { ...req.headers, "content-length": body.length },
      },
      (res) => {
        const headersMs = performance.now() - started;
        const arrivals: number[] = [];
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          arrivals.push(performance.now() - started);
          chunks.push(chunk);
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            headersMs,
            firstByteMs: arrivals[0] ?? Number.NaN,
            totalMs: performance.now() - started,
            arrivals,
            connection: res.headers.connection,
          });
        });
        res.on("error", fail);
      },
    );
    const timer = setTimeout(() => outgoing.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    outgoing.on("error", fail);
    outgoing.end(body);
  });
}

/** Fire-and-read helper for the double's control endpoints. */
export async function control(port: number, path: string): Promise<Record<string, number>> {
  const res = await timedRequest({ port, path, headers: {}, body: "" }, noKeepAliveAgent, 10_000);
  return JSON.parse(res.text) as Record<string, number>;
}
