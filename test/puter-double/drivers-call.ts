import { isRecord } from "../../src/json.ts";
import { authFailure, extractToken } from "./auth.ts";
import { runComplete } from "./complete.ts";
import { isFault, runFault } from "./faults.ts";
import { generation } from "./generation.ts";
import { sendError, sendJson } from "./http-util.ts";
import { handleMediaCall, MEDIA_INTERFACES } from "./media.ts";
import { driverList, driverModels } from "./models.ts";
import type { RunContext } from "./run-context.ts";
import { resolveModel } from "./scenarios.ts";

const CHAT_INTERFACE = "puter-chat-completion";
const CHAT_DRIVER = "ai-chat";

type Parsed = { ok: true; body: unknown } | { ok: false };

/**
 * Puter's body parsing: JSON for `application/json` (any parameters) and the exact
 * `text/plain;actually=json`; anything else stays unparsed (an empty body). body-parser is strict:
 * only an object or array parses, an empty body is `{}`.
 */
export function parseDriverBody(contentType: string | null, raw: Uint8Array): Parsed {
  const header = contentType ?? "";
  const isJson = header.split(";")[0]?.trim().toLowerCase() === "application/json" || header === "text/plain;actually=json";
  if (!isJson) return { ok: true, body: {} };
  const text = new TextDecoder().decode(raw).trim();
  if (text === "") return { ok: true, body: {} };
  if (!text.startsWith("{") && !text.startsWith("[")) return { ok: false };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}


/** `POST /drivers/call`, in the order the real server checks: body, auth, envelope, driver, method, model. */
export async function handleDriversCall(base: Omit<RunContext, "generation">, raw: Uint8Array): Promise<void> {
  const parsed = parseDriverBody(base.request.headers.get("content-type"), raw);
  if (!parsed.ok) return sendError(base, 400, "Malformed JSON in request body", "client_bad_json");
  const token = extractToken(base.request, parsed.body);
  const rejection = authFailure(token);
  if (rejection) return sendJson(base, rejection.status, rejection.body);
  const ctx: RunContext = { ...base, generation: generation(token) };
  const refusal = ctx.account && token && ctx.closed ? ctx.account.enter(token, ctx.closed) : undefined;
  if (refusal) return sendError(ctx, 429, refusal.message, "too_many_requests");

  const body = isRecord(parsed.body) ? parsed.body : {};
  const { interface: iface, method } = body;
  if (!iface || typeof iface !== "string") {
    return sendError(ctx, 400, "Missing or invalid `interface`", "bad_request");
  }
  if (!method || typeof method !== "string") {
    return sendError(ctx, 400, "Missing or invalid `method`", "bad_request");
  }
  const driver = typeof body.driver === "string" ? body.driver : undefined;
  const media = MEDIA_INTERFACES[iface];
  if (media) {
    if (driver !== undefined && driver !== media.driver) return sendError(ctx, 404, `Driver not found: ${iface}:${driver}`, "not_found");
    return handleMediaCall(ctx, iface, method, body.args);
  }
  if (iface !== CHAT_INTERFACE || (driver !== undefined && driver !== CHAT_DRIVER)) {
    // An unknown interface has no default driver to name.
    return sendError(ctx, 404, `Driver not found: ${iface}:${driver ?? "(no default)"}`, "not_found");
  }
  if (method === "models" || method === "list") {
    const result = method === "models" ? driverModels() : driverList();
    return sendJson(ctx, 200, { success: true, result, service: { name: CHAT_DRIVER } });
  }
  if (method !== "complete") {
    return sendError(ctx, 404, `Method '${method}' not found on driver '${iface}'`, "not_found");
  }
  const args = isRecord(body.args) ? body.args : {};
  if (isFault(args.model)) return runFault(ctx, args.model, args, token ?? "");
  const model = resolveModel(args.model);
  if (!model) return sendError(ctx, 400, `Model not found: ${String(args.model)}`, "bad_request");
  return runComplete(ctx, model, args, args.stream === true);
}
