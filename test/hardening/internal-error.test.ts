import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type ChatContext, runChat } from "../../src/chat/run.ts";
import type { ChatSurface } from "../../src/chat/surface.ts";
import { ProxyError, toProxyError } from "../../src/errors.ts";
import { openAIChat } from "../../src/openai/chat.ts";
import { passThrough } from "../../src/pool/credentials.ts";
import { createPuterDouble } from "../puter-double/double.ts";
import { TOKENS, within } from "./in-process.ts";

/** The OpenAI surface with a translator that breaks on its `failAt`-th event: a bug inside the proxy. */
function brokenSurface(failAt: number): ChatSurface {
  return {
    ...openAIChat,
    translator(identity, request) {
      const real = openAIChat.translator(identity, request as never);
      let seen = 0;
      return {
        onEvent: (event, emit) => {
          if (++seen === failAt) throw new TypeError("Cannot read properties of undefined (reading 'x')");
          real.onEvent(event, emit);
        },
        finish: (emit) => real.finish(emit),
        fail: (error, emit) => real.fail(error, emit),
        whole: () => real.whole(),
      };
    },
  };
}

function setup() {
  const double = createPuterDouble({ intervalMs: 1 });
  const ctx: ChatContext = {
    driver: { fetch: double.fetch, baseUrl: double.url, timeoutMs: 5_000 },
    credentials: passThrough,
    idleTimeoutMs: 5_000,
    keepaliveMs: 0,
    defaultMode: "raw",
    maxBodyBytes: 1 << 20,
    now: Date.now,
    randomId: () => "id",
  };
  const request = (stream: boolean) =>
    new Request("http://proxy.test/v1/chat/completions", {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.older}`, "content-type": "application/json" },
      // `echo` answers in many lines, so the failure can come after the stream began.
      body: JSON.stringify({ model: "echo", stream, messages: [{ role: "user", content: "x".repeat(400) }] }),
    });
  return { double, ctx, request };
}

describe("an exception inside the proxy is an internal error, never an upstream one", () => {
  for (const failAt of [1, 3]) {
    it(`whole answer, translator throws on event ${failAt} → 500 internal_error`, async () => {
      const { double, ctx, request } = setup();
      const error = await runChat(request(false), brokenSurface(failAt), ctx).then(
        () => assert.fail("expected a rejection"),
        (e: unknown) => e,
      );
      assert.ok(!(error instanceof ProxyError), "the bug itself propagates");
      const rendered = toProxyError(error);
      assert.equal(rendered.status, 500);
      assert.equal(rendered.code, "internal_error");
      await double.close();
    });

    it(`stream, translator throws on event ${failAt} → error frame internal_error, not upstream_disconnected`, async () => {
      const { double, ctx, request } = setup();
      const response = await runChat(request(true), brokenSurface(failAt), ctx);
      assert.equal(response.status, 200);
      const text = await within(response.text(), 5_000, "stream");
      const frames = text.split("\n\n").filter((f) => f.startsWith("data: {"));
      const last = JSON.parse(frames.at(-1)?.slice(6) ?? "{}") as { error?: { code?: string; message?: string } };
      assert.equal(last.error?.code, "internal_error", text);
      assert.doesNotMatch(text, /Puter|TypeError|reading 'x'/, "the frame blames nobody upstream and leaks no detail");
      await double.close();
    });
  }
});
