import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createPuterDouble, type FetchPuterDouble, type PuterDoubleOptions as CoreOptions } from "./double.ts";

export type { RecordedRequest } from "./double.ts";

export interface PuterDouble extends Omit<FetchPuterDouble, "fetch" | "url" | "pending"> {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** Number of open sockets right now. */
  openConnections(): number;
  /** Closes the server and destroys open sockets. */
  close(): Promise<void>;
}

export interface PuterDoubleOptions extends CoreOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Reads the whole request body; resolves with what arrived if the client goes away mid-upload. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("close", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(Buffer.concat(chunks)));
  });
}

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
  return new Request(`http://double${req.url ?? "/"}`, { method, headers, body, signal });
}

/** One write, resolved once the socket took it (or the client left), so each chunk leaves on its own. */
function writeOne(res: ServerResponse, chunk: Uint8Array, gone: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (gone.aborted) return resolve();
    gone.addEventListener("abort", () => resolve(), { once: true });
    res.write(chunk, () => resolve());
  });
}

/** Writes the Response: a rejected fetch or a body that errors kills the socket, as a broken server does. */
async function respond(res: ServerResponse, pending: Promise<Response>, gone: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await pending;
  } catch {
    res.socket?.destroy();
    return;
  }
  res.socket?.setNoDelay(true);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writeOne(res, value, gone);
    }
    res.end();
  } catch {
    // Without the terminating chunk: the client sees a cut connection, not a short answer.
    res.socket?.destroy();
  }
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Starts the fetch double behind a node:http server on loopback; resolves once it listens. */
export function startPuterDouble(options: PuterDoubleOptions = {}): Promise<PuterDouble> {
  const double = createPuterDouble(options);
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    // A request the Fetch API cannot represent fails as a dead socket, like fetch's own failures.
    const pending = toRequest(req, gone.signal).then((request) => double.fetch(request));
    await respond(res, pending, gone.signal);
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `http://${urlHost(options.host ?? "127.0.0.1")}:${port}`,
        requests: double.requests,
        setModelsStatus: double.setModelsStatus,
        peakInFlight: double.peakInFlight,
        limitRefusals: double.limitRefusals,
        openConnections: () => sockets.size,
        close: async () => {
          await double.close();
          // Wait for each socket's close so openConnections() is 0 once close() resolves.
          const gone = [...sockets].map((socket) => new Promise((done) => socket.once("close", done)));
          const stopped = new Promise((done) => server.close(done));
          for (const socket of sockets) socket.destroy();
          await Promise.all([stopped, ...gone]);
        },
      });
    });
  });
}
