import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { serve } from "@hono/node-server";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { AGENT_COMMAND } from "../puter-double/agent-turns.ts";
import { createPuterDouble } from "../puter-double/double.ts";

/**
 * Claude Code itself, unmodified, in print mode against the proxy (in-process, over HTTP) and the
 * Puter double. It is installed with its own Node 22 in test/agents/claude-code (`npm ci --prefix
 * test/agents/claude-code`, done by .ci/run), apart from the proxy's dependencies.
 */
const BIN = join(import.meta.dirname, "claude-code", "node_modules", ".bin");
const CLAUDE = join(BIN, "claude");
const installed = existsSync(CLAUDE) && existsSync(join(BIN, "node"));
const RUN_MS = 120_000;

interface Seen {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  status: number;
}

/** One line per request Claude Code made: what it sent and how it was answered, without the prompt text. */
function describeRequest(seen: Seen): string {
  const { body, headers } = seen;
  const system = Array.isArray(body.system) ? `${body.system.length} blocks` : typeof body.system;
  const tools = Array.isArray(body.tools) ? body.tools.map((t: { name?: string }) => t.name).join(",") : "none";
  const messages = Array.isArray(body.messages) ? body.messages.map((m: { role: string; content: unknown }) => `${m.role}[${Array.isArray(m.content) ? m.content.map((b: { type: string }) => b.type).join("+") : "string"}]`).join(" ") : "";
  const rest = Object.fromEntries(Object.entries(body).filter(([key]) => !["system", "tools", "messages"].includes(key)));
  return `${seen.path} -> ${seen.status}; anthropic-beta: ${headers["anthropic-beta"] ?? "-"}; keys ${JSON.stringify(rest)}; system ${system}; messages ${messages}; tools ${tools}`;
}

describe("Claude Code against the proxy", { skip: installed ? false : "SKIPPED: Claude Code is not installed; run `npm ci --prefix test/agents/claude-code`" }, () => {
  const seen: Seen[] = [];
  let origin = "";
  let close = () => {};
  const home = mkdtempSync(join(tmpdir(), "claude-code-home-"));

  before(async () => {
    const double = createPuterDouble({ intervalMs: 1, fakeDelayMs: 1 });
    const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "silent" }), { fetch: double.fetch });
    const server = serve({ port: 0, hostname: "127.0.0.1", fetch: async (request: Request) => {
      const text = request.method === "POST" ? await request.clone().text() : "";
      const response = await app.fetch(request);
      seen.push({ path: new URL(request.url).pathname + new URL(request.url).search, headers: Object.fromEntries(request.headers), body: text ? JSON.parse(text) : {}, status: response.status });
      return response;
    } });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  after(() => {
    close();
    rmSync(home, { recursive: true, force: true });
    // What Claude Code really sent, once, for the record.
    for (const request of seen) console.log(`claude-code sent: ${describeRequest(request)}`);
  });

  function claude(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const env = {
      PATH: `${BIN}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      HOME: home,
      CLAUDE_CONFIG_DIR: join(home, ".claude"),
      ANTHROPIC_BASE_URL: origin,
      ANTHROPIC_AUTH_TOKEN: "newer-e2e-claude-code",
      DISABLE_TELEMETRY: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
    };
    const child = spawn(CLAUDE, ["-p", ...args], { cwd: home, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_MS);
    return new Promise((resolve) => child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }));
  }

  it("completes a plain answer", { timeout: RUN_MS + 5_000 }, async () => {
    const { code, stdout, stderr } = await claude(["Say hello", "--model", "claude/text"]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim(), "Hello from Claude in the Puter double.");
    const messages = seen.filter((s) => s.path.startsWith("/v1/messages"));
    assert.ok(messages.length > 0 && messages.every((s) => s.status === 200), "every /v1/messages call answered 200");
  });

  it("runs a Bash tool call the model asked for and answers with its output", { timeout: RUN_MS + 5_000 }, async () => {
    const before = seen.length;
    const { code, stdout, stderr } = await claude(["Run the marker command", "--model", "agent/bash", "--allowedTools", "Bash"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /The command printed: puter-double-tool-ok/);
    const calls = seen.slice(before).filter((s) => s.path.startsWith("/v1/messages") && s.body.model === "agent/bash");
    assert.ok(calls.length >= 2, "a tool turn and an answer turn");
    const last = calls.at(-1)?.body.messages as Array<{ role: string; content: unknown }>;
    const result = JSON.stringify(last.at(-1));
    assert.match(result, /tool_result/);
    assert.match(result, /puter-double-tool-ok/);
    assert.ok(AGENT_COMMAND.includes("puter-double-tool-ok"));
  });
});
