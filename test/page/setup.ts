import { after, before } from "node:test";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { type LaunchedProxy, launchProxy } from "../e2e/launch.ts";
import { RUNTIMES } from "../e2e/runtimes.ts";
import { type PuterDouble, startPuterDouble } from "../puter-double/server.ts";
import { type PuterJsDouble, startPuterJsDouble } from "./puter-js-double.ts";

/** The token the puter.js double hands out; the Puter double accepts it. */
export const TOKEN = "page-secret-token-7c41e2";

/** A host name that is not loopback to the browser (so not a secure context) but resolves to it. */
export const PLAIN_HOST = "proxy.test";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  // Without these Chromium phones home, and this machine's closed network refuses it.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  `--host-resolver-rules=MAP ${PLAIN_HOST} 127.0.0.1`,
];

/** What a page test needs, filled in by the time its tests run. */
export interface PageEnv {
  double: PuterDouble;
  puterJs: PuterJsDouble;
  proxy: LaunchedProxy;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The proxy under its plain-http host name (not a secure context). */
  plainUrl: string;
  /** Every URL the browser requested, with its headers. */
  requests: Array<{ url: string; headers: Record<string, string> }>;
  /** Console errors and `securitypolicyviolation` events that mention a content security policy. */
  cspViolations: string[];
}

/** Starts the Puter double, the puter.js double, the proxy (Node) and Chromium; stops them all after. */
export function usePageEnv(options: { intervalMs?: number } = {}): PageEnv {
  const env = { requests: [], cspViolations: [] } as unknown as PageEnv;
  before(async () => {
    env.double = await startPuterDouble({ fakeDelayMs: 10, intervalMs: options.intervalMs ?? 2 });
    env.puterJs = await startPuterJsDouble(TOKEN);
    env.proxy = await launchProxy(RUNTIMES.node!, {
      PUTER_API_BASE: env.double.url,
      PUTER_JS_URL: `${env.puterJs.url}/puter.js`,
      PUTER_JS_API_ORIGIN: env.double.url,
    });
    env.plainUrl = env.proxy.url.replace("127.0.0.1", PLAIN_HOST);
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    env.context = await env.browser.newContext({ viewport: { width: 900, height: 1000 } });
    env.context.setDefaultTimeout(10_000);
    env.context.on("request", (request) => env.requests.push({ url: request.url(), headers: request.headers() }));
    await env.context.exposeBinding("reportCspViolation", (_source, text: string) => env.cspViolations.push(text));
    await env.context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    env.context.on("console", (message) => {
      if (/content security policy/i.test(message.text())) env.cspViolations.push(message.text());
    });
    env.page = await env.context.newPage();
  });
  after(async () => {
    await env.browser?.close();
    await env.proxy?.stop();
    await env.puterJs?.close();
    await env.double?.close();
  });
  return env;
}
