import type { Config } from "../config.ts";

/** The one line printed at start: where the proxy listens and a curl to paste. */
export function startupLine(config: Config, port: number): string {
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return (
    `puter-openai-proxy listening on ${url} (mode ${config.mode}) — try: ` +
    `curl ${url}/v1/chat/completions -H "Authorization: Bearer $PUTER_TOKEN" -H "Content-Type: application/json" ` +
    `-d '{"model":"gpt-5-nano","messages":[{"role":"user","content":"Hello!"}]}'`
  );
}
