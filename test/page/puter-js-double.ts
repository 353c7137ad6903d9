import { createServer } from "node:http";
import type { Socket } from "node:net";

/** A stand-in for puter.js, served on loopback as PUTER_JS_URL. */
export interface PuterJsDouble {
  /** "http://127.0.0.1:<port>" */
  url: string;
  /** The token the next sign-in hands out (the page must treat it as a secret). */
  setToken(token: string): void;
  close(): Promise<void>;
}

/**
 * The part of puter.js the page uses: `puter.auth.{signIn,isSignedIn,signOut,getUser}` and
 * `puter.authToken`. As the real one, signIn refuses without a user gesture (the real one could
 * not open its popup), getUser throws at once when signed out, and the session lives in the
 * page origin's localStorage, so it survives a reload. The popup itself is simulated: sign-in
 * succeeds at once.
 */
function script(token: string): string {
  return `(() => {
  const KEY = "puter-js-double.token";
  const TOKEN = ${JSON.stringify(token)};
  const puter = { authToken: localStorage.getItem(KEY) || null, auth: {} };
  puter.auth.isSignedIn = () => Boolean(puter.authToken);
  puter.auth.signIn = () => new Promise((resolve, reject) => {
    if (!navigator.userActivation.isActive) {
      reject({ error: "popup_blocked", msg: "The sign-in popup was blocked by the browser." });
      return;
    }
    puter.authToken = TOKEN;
    localStorage.setItem(KEY, TOKEN);
    resolve({ success: true, token: TOKEN });
  });
  puter.auth.signOut = () => {
    puter.authToken = null;
    localStorage.removeItem(KEY);
  };
  puter.auth.getUser = () => {
    if (!puter.authToken) throw { status: 401, message: "Unauthorized" };
    return Promise.resolve({ username: "double-user", uuid: "0000" });
  };
  window.puter = puter;
})();
`;
}

/** Starts the puter.js double; it answers GET /puter.js and 404 for anything else. */
export function startPuterJsDouble(initialToken: string): Promise<PuterJsDouble> {
  let token = initialToken;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.startsWith("/puter.js")) {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
      res.end(script(token));
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        setToken: (next) => {
          token = next;
        },
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
