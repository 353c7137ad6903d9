import type { Config } from "../config.ts";

/**
 * The page's Content-Security-Policy: scripts from this origin and puter.js's, connections to this
 * origin (the proxy's /v1) and to puter.js's API in both of its schemes (it uses a socket.io
 * websocket beside https), styles and images from this origin only, and nothing else. No inline
 * script and no eval. The sign-in popup is a window.open, which CSP does not govern; no frame needed.
 */
export function pageCsp(config: Pick<Config, "puterJsUrl" | "puterJsApiOrigin">): string {
  const api = config.puterJsApiOrigin;
  const socket = api.replace(/^http/, "ws");
  return [
    "default-src 'none'",
    `script-src 'self' ${new URL(config.puterJsUrl).origin}`,
    `connect-src 'self' ${api} ${socket}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    // Nobody may frame the page: a framed Copy button could be clicked for the user.
    "frame-ancestors 'none'",
  ].join("; ");
}
