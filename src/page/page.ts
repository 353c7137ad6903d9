import type { Config } from "../config.ts";
import { pageCsp } from "./csp.ts";
import { pageHtml } from "./page-html.ts";
import { PAGE_CSS } from "./page-style.ts";
import { PLAYGROUND_SCRIPT } from "./playground-script.ts";
import { TOKEN_SCRIPT } from "./token-script.ts";

/** The browser page at `/` and its two same-origin assets, built once per app. */
export interface Page {
  /** The page when the request's Accept names text/html, else `otherwise()`; either way varying on Accept. */
  negotiate(request: Request, otherwise: () => Response): Response;
  /** Path → response for /page.js and /page.css. */
  assets: Array<[path: string, respond: () => Response]>;
}

/** True when a browser asks for a document; API clients send `*\/*`, JSON or nothing. */
export function acceptsHtml(accept: string | null): boolean {
  return /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept ?? "");
}

export function createPage(config: Pick<Config, "puterJsUrl" | "puterJsApiOrigin">): Page {
  const html = pageHtml(config.puterJsUrl);
  const csp = pageCsp(config);
  const script = `${TOKEN_SCRIPT}${PLAYGROUND_SCRIPT}`;
  const respond = (body: string, type: string, extra: Record<string, string> = {}) => () =>
    new Response(body, {
      headers: { "content-type": `${type}; charset=utf-8`, "cache-control": "no-cache", "x-content-type-options": "nosniff", ...extra },
    });
  const document = respond(html, "text/html", { "content-security-policy": csp, "referrer-policy": "strict-origin-when-cross-origin", vary: "Accept" });
  return {
    negotiate(request, otherwise) {
      if (acceptsHtml(request.headers.get("accept"))) return document();
      const response = otherwise();
      response.headers.append("vary", "Accept");
      return response;
    },
    assets: [
      ["/page.js", respond(script, "text/javascript")],
      ["/page.css", respond(PAGE_CSS, "text/css")],
    ],
  };
}
