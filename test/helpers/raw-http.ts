import net from "node:net";

export interface RawResult {
  /** The status line, or "" when nothing arrived. */
  statusLine: string;
  /** The socket error that ended the exchange (EPIPE, ECONNRESET), if any. */
  error?: string;
}

/**
 * Sends one HTTP/1.1 request over a bare socket, with `Connection: close` and a body of `bodyBytes`
 * spaces written at once, and reads until the server closes: what a fetch client cannot do (a GET
 * with a body) and where a reset shows as an error instead of an answer.
 */
export function rawRequest(port: number, method: string, path: string, bodyBytes: number, timeoutMs = 10_000): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let got = "";
    const finish = (error?: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ statusLine: got.split("\r\n")[0] ?? "", ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (got += chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.on("close", () => finish());
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: proxy.test\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${bodyBytes}\r\n\r\n`);
    socket.write(Buffer.alloc(bodyBytes, 0x20));
  });
}

/**
 * POSTs `path` declaring a 1,000-byte body but sending one byte every `gapMs`: a slow upload.
 * Resolves with the status line (or the error) and how long the answer took.
 */
export function slowUpload(port: number, path: string, token: string, gapMs: number, timeoutMs = 20_000): Promise<RawResult & { ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    let got = "";
    const finish = (error?: string) => {
      clearTimeout(timer);
      clearInterval(drip);
      socket.destroy();
      resolve({ statusLine: got.split("\r\n")[0] ?? "", ms: Date.now() - started, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      got += chunk;
      if (got.includes("\r\n\r\n")) finish();
    });
    socket.on("error", (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.on("close", () => finish());
    socket.write(`POST ${path} HTTP/1.1\r\nHost: proxy.test\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`);
    const drip = setInterval(() => socket.write(" "), gapMs);
  });
}
