/**
 * puter-openai-proxy for Deno and Deno Deploy: an OpenAI-compatible API over Puter's AI.
 * Run: deno run --allow-net --allow-env deno-puter-proxy.ts   (pick this file as the entry on Deno Deploy)
 */
import "./src/runtime/deno.ts";
