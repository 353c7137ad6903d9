import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { describe, it } from "node:test";
import { within } from "../e2e/harness.ts";
import { TOKEN, usePageEnv } from "./setup.ts";

/** PAGE_SCREENSHOTS=1 writes the README's screenshots to docs/ (run once, then commit them). */
const SCREENSHOTS = process.env.PAGE_SCREENSHOTS === "1";

describe("the page: the playground", () => {
  // Slow pieces, so the answer visibly grows while it streams.
  const env = usePageEnv({ intervalMs: 120 });

  const send = async (model: string, prompt = "Hello?") => {
    const { page } = env;
    await page.getByLabel("Model").fill(model);
    await page.getByLabel("Prompt").fill(prompt);
    await page.getByRole("button", { name: "Send" }).click();
  };
  const idle = () => env.page.locator("#send:not([disabled])").waitFor();

  it("signs in and lists this proxy's models in the picker", async () => {
    const { page } = env;
    await page.goto(`${env.proxy.url}/`);
    await page.getByRole("button", { name: "Sign in with Puter" }).click();
    await page.getByText("Signed in as double-user.").waitFor();
    await page.locator("#models option").first().waitFor({ state: "attached" });
    const listed = await page.locator("#models option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const served = ((await (await fetch(`${env.proxy.url}/v1/models`)).json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
    assert.deepEqual(listed, [...served].sort());
    assert.ok(listed.length >= 5, `${listed.length} models listed`);
    assert.equal(await page.evaluate(() => document.getElementById("model")?.getAttribute("list")), "models");
    if (SCREENSHOTS) {
      mkdirSync("docs", { recursive: true });
      await page.screenshot({ path: "docs/page-signed-in.png" });
    }
  });

  it("Send streams the answer: it grows in steps before the stream ends", async () => {
    const { page } = env;
    await page.evaluate(() => {
      const seen: Array<{ text: string; streaming: boolean }> = [];
      (window as unknown as { seen: typeof seen }).seen = seen;
      const answer = document.getElementById("answer") as HTMLElement;
      const stop = document.getElementById("stop") as HTMLButtonElement;
      new MutationObserver(() => seen.push({ text: answer.textContent ?? "", streaming: !stop.disabled })).observe(answer, { childList: true, characterData: true, subtree: true });
    });
    await send("openai/text");
    await idle();
    const final = await page.locator("#answer").innerText();
    assert.equal(final, "Hello from the Puter double.");
    const seen = await page.evaluate(() => (window as unknown as { seen: Array<{ text: string; streaming: boolean }> }).seen);
    const partial = new Set(seen.filter((s) => s.streaming && s.text !== "" && s.text !== final).map((s) => s.text));
    assert.ok(partial.size >= 2, `partial answers seen while streaming: ${JSON.stringify([...partial])}`);
    for (const text of partial) assert.ok(final.startsWith(text), `${JSON.stringify(text)} is a prefix of the answer`);
    const call = env.double.requests.filter((r) => r.path.startsWith("/drivers/call")).at(-1);
    assert.equal(call?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(await page.locator("#error").innerText(), "");
    if (SCREENSHOTS) await page.screenshot({ path: "docs/page-answer.png" });
  });

  it("Stop aborts the stream, and the proxy closes its call to Puter", async () => {
    const { page } = env;
    const before = env.double.requests.length;
    await send("stream/long");
    await page.locator("#answer:not(:empty)").waitFor();
    await page.getByRole("button", { name: "Stop" }).click();
    await idle();
    const call = env.double.requests.slice(before).find((r) => r.path.startsWith("/drivers/call"));
    assert.ok(call, "the double saw the call");
    assert.deepEqual(await within(call.closed, 5_000, "the upstream call closed"), { completed: false });
    assert.equal(await page.locator("#error").innerText(), "", "stopping is not an error");
    assert.ok(await page.getByRole("button", { name: "Stop" }).isDisabled());
  });

  const failures: Array<{ name: string; model: string; sentence: RegExp }> = [
    { name: "an unknown model (404)", model: "nope/none", sentence: /^There is no model called "nope\/none"\. Pick one from the list\.$/ },
    { name: "no credit left (429 insufficient_quota)", model: "error/insufficient-funds", sentence: /^Your Puter account has no AI credit left\./ },
  ];
  for (const { name, model, sentence } of failures) {
    it(`reads ${name} as a sentence`, async () => {
      await send(model);
      await idle();
      assert.match(await env.page.getByRole("alert").innerText(), sentence);
    });
  }

  it("reads a refused token (401) as a sentence", async () => {
    const { page } = env;
    await page.getByRole("button", { name: "Sign out" }).click();
    env.puterJs.setToken("invalid-token");
    await page.reload();
    await page.getByRole("button", { name: "Sign in with Puter" }).click();
    await send("openai/text");
    await idle();
    assert.match(await page.getByRole("alert").innerText(), /^Puter did not accept your token\. Sign out, sign in again, and retry\.$/);
    env.puterJs.setToken(TOKEN);
  });

  it("the browser asked nothing of any host but the proxy and puter.js, and no CSP violation happened", () => {
    const allowed = new Set([new URL(env.proxy.url).origin, env.puterJs.url]);
    for (const { url } of env.requests) assert.ok(allowed.has(new URL(url).origin), `unexpected request to ${url}`);
    assert.ok(env.requests.some((r) => r.url.endsWith("/v1/chat/completions")));
    assert.deepEqual(env.cspViolations, []);
  });
});
