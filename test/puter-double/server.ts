import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { METERING_USAGE, WHOAMI } from "./account.ts";
import { authFailure, extractToken } from "./auth.ts";
import { handleDriversCall } from "./drivers-call.ts";
import { baseHeaders, readBody, sendError, sendJson } from "./http-util.ts";
import { detailsBody, idsBody } from "./models.ts";
import type { RunContext } from "./run-context.ts";

export interface RecordedRequest {
  method: string;
  /** Includes the query string. */
  path: string;
  /** Lowercased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON when it parsed, else the raw text. */
  body: unknown;
  /** Resolves once the response is over: completed=true if it ended normally, false if the client went away (socket closed) first. */
  closed: Promise<{ completed: boolean }>;
}

export interface PuterDouble {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** Every request received, in order (all paths). */
  requests: RecordedRequest[];
  /** Make GET /puterai/chat/models/details answer with this HTTP status (e.g. 500) until reset with 200; for testing the proxy's model cache fallback. */
  setModelsStatus(status: number): void;
  /** Number of open sockets right now. */
  openConnections(): number;
  /** Closes the server and destroys open sockets. */
  close(): Promise<void>;
}

export interface PuterDoubleOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The `fake` model's pre-answer delay in streams; default 500 as real Puter. */
  fakeDelayMs?: number;
  /** Gap between lines in multi-line streams; default 5. */
  intervalMs?: number;
}

/** Known codes for the statuses a models-endpoint failure is likely to be tested with. */
const MODELS_FAILURES: Record<number, { message: string; code: string; headers?: Record<string, string> }> = {
  404: { message: "Not Found", code: "not_found" },
  429: { message: "Too many requests.", code: "too_many_requests" },
  500: { message: "Internal Server Error", code: "internal_error" },
  503: { message: "Service temporarily unavailable", code: "db_unavailable", headers: { "Retry-After": "5" } },
};

function sendModelsFailure(req: IncomingMessage, res: ServerResponse, status: number): void {
  const text = STATUS_CODES[status] ?? "Error";
  const known = MODELS_FAILURES[status] ?? { message: text, code: text.toLowerCase().replace(/\W+/g, "_") };
  const body = { error: known.message, message: known.message, code: known.code };
  sendJson(req, res, status, body, known.headers);
}

function recordHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name] = Array.isArray(value) ? value.join(", ") : (value ?? "");
  }
  return out;
}

function recordBody(raw: Buffer): unknown {
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface State {
  modelsStatus: number;
}

/** Routes one request; the real server only answers these on its api host, which the double ignores. */
async function route(ctx: RunContext, raw: Buffer, state: State): Promise<void> {
  const { req, res } = ctx;
  const path = new URL(req.url ?? "/", "http://double").pathname.replace(/(.)\/$/, "$1");
  const key = `${req.method} ${path}`;
  if (req.method === "OPTIONS") {
    res.writeHead(204, { ...baseHeaders(req), "Content-Length": "0" });
    res.end();
    return;
  }
  if (key === "POST /drivers/call") return handleDriversCall(ctx, raw);
  if (key === "GET /puterai/chat/models" || key === "GET /puterai/chat/models/details") {
    if (state.modelsStatus !== 200) return sendModelsFailure(req, res, state.modelsStatus);
    return sendJson(req, res, 200, path.endsWith("/details") ? detailsBody() : idsBody());
  }
  if (key === "GET /whoami" || key === "GET /metering/usage") {
    const rejection = authFailure(extractToken(req, undefined));
    if (rejection) return sendJson(req, res, rejection.status, rejection.body);
    return sendJson(req, res, 200, path === "/whoami" ? WHOAMI : METERING_USAGE);
  }
  sendError(req, res, 404, "Not Found", "not_found");
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Starts the double on loopback; resolves once it listens. */
export function startPuterDouble(options: PuterDoubleOptions = {}): Promise<PuterDouble> {
  const shutdown = new AbortController();
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  const state: State = { modelsStatus: 200 };
  const intervalMs = options.intervalMs ?? 5;
  const fakeDelayMs = options.fakeDelayMs ?? 500;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gone = new AbortController();
    const closed = new Promise<{ completed: boolean }>((resolve) => {
      res.on("close", () => {
        gone.abort();
        resolve({ completed: res.writableFinished });
      });
    });
    const record: RecordedRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      headers: recordHeaders(req),
      body: undefined,
      closed,
    };
    requests.push(record);
    const raw = await readBody(req);
    record.body = recordBody(raw);
    const signal = AbortSignal.any([shutdown.signal, gone.signal]);
    try {
      await route({ req, res, signal, intervalMs, fakeDelayMs }, raw, state);
    } catch {
      // An unexpected failure becomes Puter's generic 500, or a dead socket once the 200 is out.
      if (!res.headersSent) sendError(req, res, 500, "Internal Server Error", "internal_error");
      else res.destroy();
    }
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
        requests,
        setModelsStatus: (status) => {
          state.modelsStatus = status;
        },
        openConnections: () => sockets.size,
        close: async () => {
          shutdown.abort();
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
