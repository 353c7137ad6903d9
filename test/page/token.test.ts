import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { PLAIN_HOST, TOKEN, usePageEnv } from "./setup.ts";

/** Every place the page could leak the token to the eye: visible text and every field's value. */
async function visibleTokenPlaces(page: Page): Promise<string[]> {
  return page.evaluate((token) => {
    const places: string[] = [];
    if (document.body.innerText.includes(token)) places.push("body text");
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")) {
      if (field.value.includes(token)) places.push(`${field.tagName.toLowerCase()}#${field.id}`);
    }
    return places;
  }, TOKEN);
}

/** Reads the browser's clipboard from a secure (loopback) page of the same context, where reading is allowed. */
async function readClipboard(env: ReturnType<typeof usePageEnv>): Promise<string> {
  const reader = await env.context.newPage();
  try {
    await reader.goto(`${env.proxy.url}/health`);
    return await reader.evaluate(() => navigator.clipboard.readText());
  } finally {
    await reader.close();
  }
}

async function writeClipboard(env: ReturnType<typeof usePageEnv>, text: string): Promise<void> {
  const writer = await env.context.newPage();
  await writer.goto(`${env.proxy.url}/health`);
  await writer.evaluate((value) => navigator.clipboard.writeText(value), text);
  await writer.close();
}

describe("the page: signing in and the token", () => {
  const env = usePageEnv();

  it("serves the page with a CSP to a browser, and the JSON index to an API client", async () => {
    const response = await env.page.goto(`${env.proxy.url}/`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()["content-type"] ?? "", /^text\/html/);
    const csp = response?.headers()["content-security-policy"] ?? "";
    assert.match(csp, new RegExp(`script-src 'self' ${env.puterJs.url}(;|$)`));
    assert.doesNotMatch(csp, /unsafe/);
    const index = await fetch(`${env.proxy.url}/`, { headers: { accept: "application/json" } });
    assert.equal((await index.json()).name, "puter-openai-proxy");
  });

  it("like real puter.js, the double refuses to sign in without a user gesture", async () => {
    // Playwright's evaluate() and locators count as user gestures; a fresh document and CDP's
    // Runtime.evaluate with userGesture false give a page the user has not touched.
    await env.page.reload();
    const cdp = await env.context.newCDPSession(env.page);
    const { result } = await cdp.send("Runtime.evaluate", {
      expression: "navigator.userActivation.hasBeenActive ? 'touched' : puter.auth.signIn().then(() => 'signed in', (e) => e.error)",
      awaitPromise: true,
      userGesture: false,
    });
    await cdp.detach();
    assert.equal(result.value, "popup_blocked");
  });

  it("Sign in with Puter shows the token masked: in no text or field until Show", async () => {
    const { page } = env;
    await page.getByRole("button", { name: "Sign in with Puter" }).click();
    await page.getByText("Signed in as double-user.").waitFor();
    assert.deepEqual(await visibleTokenPlaces(page), []);
    assert.ok(!(await page.content()).includes(TOKEN), "not even in the DOM");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    assert.equal(await page.getByLabel("Puter token").inputValue(), TOKEN);
    assert.ok((await page.locator("body").innerText()).includes(TOKEN), "snippets show it too");
    await page.getByRole("button", { name: "Hide", exact: true }).click();
    assert.deepEqual(await visibleTokenPlaces(page), []);
  });

  it("the snippets carry this proxy's base URL and, once shown, the token", async () => {
    const { page } = env;
    const base = env.proxy.url;
    await page.getByRole("button", { name: "Show", exact: true }).click();
    const text = (i: number) => page.locator(`#snippet-${i}`).innerText();
    assert.ok((await text(0)).includes(`curl ${base}/v1/chat/completions`));
    assert.ok((await text(0)).includes(`Authorization: Bearer ${TOKEN}`));
    assert.ok((await text(1)).includes(`OpenAI(base_url="${base}/v1", api_key="${TOKEN}")`));
    assert.ok((await text(2)).startsWith('import OpenAI from "openai";'));
    assert.ok((await text(2)).includes(`new OpenAI({ baseURL: "${base}/v1", apiKey: "${TOKEN}" })`));
    assert.ok((await text(3)).includes(`export ANTHROPIC_BASE_URL="${base}"\nexport ANTHROPIC_AUTH_TOKEN="${TOKEN}"`));
    const codex = await text(4);
    for (const line of ['model_provider = "puter"', "[model_providers.puter]", 'name = "Puter"', `base_url = "${base}/v1"`, 'env_key = "PUTER_TOKEN"', 'wire_api = "responses"', `export PUTER_TOKEN="${TOKEN}"`]) {
      assert.ok(codex.includes(line), `Codex snippet has ${line}`);
    }
    assert.ok(codex.indexOf("model_provider =") < codex.indexOf("[model_providers.puter]"), "top-level keys before the table");
    await page.getByRole("button", { name: "Hide", exact: true }).click();
  });

  it("Copy puts exactly the token on the clipboard on loopback (navigator.clipboard), and says Copied", async () => {
    const { page } = env;
    await env.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.proxy.url });
    await writeClipboard(env, "before");
    assert.equal(await page.evaluate(() => window.isSecureContext), true);
    await page.locator("button[data-copy=token]").click();
    await page.getByText("Copied", { exact: true }).waitFor();
    assert.equal(await readClipboard(env), TOKEN);
    assert.deepEqual(await visibleTokenPlaces(page), []);
  });

  it("a snippet's Copy copies it with the real token while the page shows it masked", async () => {
    const { page } = env;
    await writeClipboard(env, "before");
    await page.getByRole("button", { name: "Copy the Codex (~/.codex/config.toml) snippet" }).click();
    const copied = await readClipboard(env);
    assert.ok(copied.endsWith(`export PUTER_TOKEN="${TOKEN}"`), "the real token, not the mask");
    assert.ok(copied.includes(`base_url = "${env.proxy.url}/v1"`));
    assert.deepEqual(await visibleTokenPlaces(page), []);
  });

  it("the session survives a reload, and Sign out ends it", async () => {
    const { page } = env;
    await page.reload();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    assert.ok(await page.getByRole("button", { name: "Sign in with Puter" }).isHidden());
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with Puter" }).waitFor();
    assert.equal(await page.getByLabel("Puter token").inputValue(), "");
    await page.reload();
    await page.getByRole("button", { name: "Sign in with Puter" }).waitFor();
    assert.ok(await page.getByRole("button", { name: "Sign out" }).isHidden());
  });

  it(`Copy works on a plain-http host (${PLAIN_HOST}) without navigator.clipboard`, async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.plainUrl}/`);
    assert.equal(await page.evaluate(() => window.isSecureContext || "clipboard" in navigator), false);
    await page.getByRole("button", { name: "Sign in with Puter" }).click();
    await writeClipboard(env, "before");
    await page.locator("button[data-copy=token]").click();
    await page.getByText("Copied", { exact: true }).waitFor();
    assert.equal(await readClipboard(env), TOKEN);
    assert.deepEqual(await visibleTokenPlaces(page), []);
    await page.close();
  });

  it("the browser asked nothing of any host but the proxy and puter.js, and sent the token only to the proxy", () => {
    const allowed = new Set([new URL(env.proxy.url).origin, new URL(env.plainUrl).origin, env.puterJs.url]);
    assert.ok(env.requests.length > 5, `recorded ${env.requests.length} requests`);
    for (const { url, headers } of env.requests) {
      assert.ok(allowed.has(new URL(url).origin), `unexpected request to ${url}`);
      assert.ok(!url.includes(TOKEN), "no token in a URL");
      if (Object.values(headers).some((value) => value.includes(TOKEN))) assert.match(url, /^http:\/\/[^/]+\/v1\//);
    }
  });

  it("no CSP violation happened while the page was used", () => {
    assert.deepEqual(env.cspViolations, []);
  });
});
