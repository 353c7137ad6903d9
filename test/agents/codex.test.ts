import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { AGENT_COMMAND, AGENT_PATCH } from "../puter-double/scenarios-agent.ts";
import { EXPECTED } from "../puter-double/scenarios.ts";
import { type PuterDouble, startPuterDouble } from "../puter-double/server.ts";
import { patchModelCatalog } from "./codex-catalog.ts";

/**
 * Codex CLI (`codex exec`) against the proxy and the Puter double, all on loopback: a custom
 * provider with `wire_api = "responses"` in a temporary CODEX_HOME. Codex is installed by
 * `npm ci --prefix test/agents/codex` (.ci/run); without it these tests are skipped, loudly.
 */
const CODEX = fileURLToPath(new URL("./codex/node_modules/.bin/codex", import.meta.url));
const missing = existsSync(CODEX) ? false : `SKIPPED: Codex CLI is not installed at ${CODEX}; run \`npm ci --prefix test/agents/codex\``;
if (missing) console.warn(`\n*** ${missing} ***\n`);

type Body = Record<string, unknown> & { input: Array<Record<string, unknown>>; tools: Array<Record<string, unknown>> };

describe("Codex CLI over /v1/responses", { skip: missing }, () => {
  let double: PuterDouble;
  let server: ReturnType<typeof serve>;
  let base: string;
  let root: string;
  /** What Codex sent to the proxy, by path. */
  const sent: Array<{ method: string; path: string; body: Body | null }> = [];

  before(async () => {
    double = await startPuterDouble({ fakeDelayMs: 1, intervalMs: 1 });
    const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "silent" }), { fetch });
    server = serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: async (request) => {
        const body = request.method === "POST" ? ((await request.clone().json()) as Body) : null;
        sent.push({ method: request.method, path: new URL(request.url).pathname, body });
        return app.fetch(request);
      },
    });
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    root = await mkdtemp(join(tmpdir(), "codex-puter-"));
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await double?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** Runs `codex exec` on `model` in a fresh work dir; returns its last message and the requests it made. */
  async function codex(model: string, token: string, prompt: string) {
    const home = await mkdtemp(join(root, "home-"));
    const work = await mkdtemp(join(root, "work-"));
    const catalog = join(home, "models.json");
    await writeFile(catalog, JSON.stringify(patchModelCatalog("agent/patch")));
    await writeFile(
      join(home, "config.toml"),
      [
        `model_provider = "puter"`,
        `model = "${model}"`,
        `model_catalog_json = "${catalog}"`,
        `check_for_update_on_startup = false`,
        `[model_providers.puter]`,
        `name = "Puter"`,
        `base_url = "${base}"`,
        `env_key = "PUTER_TOKEN"`,
        `wire_api = "responses"`,
        `[analytics]`,
        `enabled = false`,
      ].join("\n"),
    );
    await mkdir(work, { recursive: true });
    const last = join(work, "..", `${model.replace("/", "-")}-last.txt`);
    const from = sent.length;
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      CODEX_HOME: home,
      PUTER_TOKEN: token,
      // Anything not for loopback goes to a closed port: nothing leaves the machine.
      HTTPS_PROXY: "http://127.0.0.1:9",
      HTTP_PROXY: "http://127.0.0.1:9",
      ALL_PROXY: "http://127.0.0.1:9",
      NO_PROXY: "127.0.0.1,localhost",
    };
    const args = ["exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", "--ephemeral", "-o", last, prompt];
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const child = execFile(CODEX, args, { cwd: work, env, timeout: 60_000, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
        if (error) reject(new Error(`codex exec failed: ${error.message}\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout}`));
        else resolve({ stdout, stderr });
      });
      // `codex exec` reads more prompt from a stdin that is not a terminal until it ends.
      child.stdin?.end();
    });
    return { last: (await readFile(last, "utf8")).trim(), stdout, stderr, work, requests: sent.slice(from) };
  }

  it("answers a plain prompt (older Puter)", async () => {
    const run = await codex("openai/text", "e2e-x", "say hello");
    assert.equal(run.last, EXPECTED["openai/text"].text);
    assert.ok(run.requests.length >= 1 && run.requests.every((r) => r.path === "/v1/responses"), `Codex called only /v1/responses: ${run.requests.map((r) => r.path)}`);
    const body = run.requests[0]!.body!;
    assert.equal(body.stream, true);
    assert.equal(body.store, false);
    assert.ok(body.tools.some((t) => t.type === "namespace"), "Codex sends namespace tools");
    assert.ok(body.tools.some((t) => t.type === "web_search"), "Codex sends a hosted web_search tool");
    const upstream = (double.requests.at(-1)!.body as { args: { tools: Array<{ function: { name: string } }> } }).args;
    const names = upstream.tools.map((t) => t.function.name);
    assert.ok(names.includes("exec_command"));
    assert.ok(names.some((n) => n.startsWith("multi_agent_v1__")), `namespaced tools flattened: ${names}`);
    assert.ok(!JSON.stringify(upstream.tools).includes("web_search"), "the hosted tool is dropped");
  });

  for (const token of ["e2e-x", "newer-e2e-x"]) {
    it(`runs a shell command and answers with its output (token ${token})`, async () => {
      const run = await codex("agent/shell", token, "run the check");
      assert.match(run.last, /^Tool result: [\s\S]*puter-agent-ok/);
      const bodies = run.requests.map((r) => r.body!);
      assert.equal(bodies.length, 2, "a call, then the answer to its output");
      const items = bodies[1]!.input;
      const call = items.find((i) => i.type === "function_call");
      const output = items.find((i) => i.type === "function_call_output");
      assert.deepEqual([call?.name, JSON.parse(String(call?.arguments)).cmd], ["exec_command", AGENT_COMMAND]);
      assert.equal(output?.call_id, call?.call_id);
      assert.match(String(output?.output), /puter-agent-ok/);
    });
  }

  it("applies a patch through the free-form apply_patch tool", async () => {
    const run = await codex("agent/patch", "newer-e2e-x", "add hello.txt");
    assert.equal(await readFile(join(run.work, "hello.txt"), "utf8"), AGENT_PATCH.split("\n")[2]!.slice(1) + "\n");
    const bodies = run.requests.map((r) => r.body!);
    assert.ok(bodies[0]!.tools.some((t) => t.type === "custom" && t.name === "apply_patch"), "Codex sends apply_patch as a custom tool");
    const items = bodies[1]!.input;
    const call = items.find((i) => i.type === "custom_tool_call");
    assert.equal(call?.input, AGENT_PATCH, "the custom call went back to Codex with its raw input");
    assert.equal(items.find((i) => i.type === "custom_tool_call_output")?.call_id, call?.call_id);
    assert.match(run.last, /^Tool result: [\s\S]*hello\.txt/);
  });
});
