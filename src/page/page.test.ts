import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "../config.ts";
import { acceptsHtml, createPage } from "./page.ts";

const config = parseConfig({ PUTER_JS_URL: "http://127.0.0.1:4200/puter.js?v=2&x=\"", PUTER_JS_API_ORIGIN: "http://127.0.0.1:4300" });
const json = () => Response.json({ index: true });
const get = (accept?: string) => new Request("http://proxy.test/", { headers: accept ? { accept } : {} });

describe("the page", () => {
  it("is served to a browser's Accept, and API clients keep the JSON index", async () => {
    const page = createPage(config);
    const html = page.negotiate(get("text/html,application/xhtml+xml,*/*;q=0.8"), json);
    assert.match(html.headers.get("content-type") ?? "", /^text\/html/);
    for (const accept of [undefined, "*/*", "application/json", "application/xhtml+xml"]) {
      const response = page.negotiate(get(accept), json);
      assert.deepEqual(await response.json(), { index: true }, String(accept));
      assert.equal(response.headers.get("vary"), "Accept");
    }
  });

  it("recognises text/html anywhere in an Accept list, not as part of another type", () => {
    assert.ok(acceptsHtml("application/json, text/html;q=0.5"));
    assert.ok(!acceptsHtml("text/htmlx"));
    assert.ok(!acceptsHtml(null));
  });

  it("loads puter.js from the configured URL, escaped, and its own script and style from this origin", async () => {
    const text = await createPage(config).negotiate(get("text/html"), json).text();
    assert.ok(text.includes('<script src="http://127.0.0.1:4200/puter.js?v=2&amp;x=&quot;" defer></script>'));
    assert.ok(text.includes('<script src="/page.js" defer></script>'));
    assert.ok(!/<script>|<style|style=/.test(text), "no inline script or style");
  });

  it("sends a CSP naming only this origin, the puter.js origin and its API origin in both schemes", () => {
    const csp = createPage(config).negotiate(get("text/html"), json).headers.get("content-security-policy") ?? "";
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' http:\/\/127\.0\.0\.1:4200(;|$)/);
    assert.match(csp, /connect-src 'self' http:\/\/127\.0\.0\.1:4300 ws:\/\/127\.0\.0\.1:4300(;|$)/);
    assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  });

  it("serves its assets with their types, and stays small", async () => {
    const page = createPage(config);
    const sizes = await Promise.all(page.assets.map(async ([path, respond]) => {
      const response = respond();
      assert.match(response.headers.get("content-type") ?? "", path.endsWith(".js") ? /^text\/javascript/ : /^text\/css/);
      return (await response.arrayBuffer()).byteLength;
    }));
    const html = (await page.negotiate(get("text/html"), json).arrayBuffer()).byteLength;
    const total = html + sizes.reduce((a, b) => a + b, 0);
    assert.ok(total < 14_500, `the page is ${total} bytes`);
  });
});
