import { STATUS_CODES } from "node:http";
import { METERING_USAGE, WHOAMI } from "./account.ts";
import { authFailure, extractToken } from "./auth.ts";
import { handleDriversCall } from "./drivers-call.ts";
import { baseHeaders, sendError, sendJson } from "./http-util.ts";
import { sendTestImage, TEST_IMAGE_PATH } from "./media.ts";
import { detailsBody, idsBody } from "./models.ts";
import type { Exchange, RunContext } from "./run-context.ts";

/** Known codes for the statuses a models-endpoint failure is likely to be tested with. */
const MODELS_FAILURES: Record<number, { message: string; code: string; headers?: Record<string, string> }> = {
  404: { message: "Not Found", code: "not_found" },
  429: { message: "Too many requests.", code: "too_many_requests" },
  500: { message: "Internal Server Error", code: "internal_error" },
  503: { message: "Service temporarily unavailable", code: "db_unavailable", headers: { "Retry-After": "5" } },
};

function sendModelsFailure(ex: Exchange, status: number): void {
  const text = STATUS_CODES[status] ?? "Error";
  const known = MODELS_FAILURES[status] ?? { message: text, code: text.toLowerCase().replace(/\W+/g, "_") };
  const body = { error: known.message, message: known.message, code: known.code };
  sendJson(ex, status, body, known.headers);
}

/** Switches a test can flip while the double runs. */
export interface DoubleState {
  modelsStatus: number;
}

/** Routes one request; the real server only answers these on its api host, which the double ignores. */
export async function route(
  ctx: Omit<RunContext, "generation">,
  raw: Uint8Array,
  state: DoubleState,
): Promise<void> {
  const { request, reply } = ctx;
  const path = new URL(request.url).pathname.replace(/(.)\/$/, "$1");
  const key = `${request.method} ${path}`;
  if (request.method === "OPTIONS") {
    reply.head(204, { ...baseHeaders(request), "Content-Length": "0" });
    reply.end();
    return;
  }
  if (key === "POST /drivers/call") return handleDriversCall(ctx, raw);
  if (key === `GET ${TEST_IMAGE_PATH}`) return sendTestImage(ctx);
  if (key === "GET /puterai/chat/models" || key === "GET /puterai/chat/models/details") {
    if (state.modelsStatus !== 200) return sendModelsFailure(ctx, state.modelsStatus);
    return sendJson(ctx, 200, path.endsWith("/details") ? detailsBody() : idsBody());
  }
  if (key === "GET /whoami" || key === "GET /metering/usage") {
    const rejection = authFailure(extractToken(request, undefined));
    if (rejection) return sendJson(ctx, rejection.status, rejection.body);
    return sendJson(ctx, 200, path === "/whoami" ? WHOAMI : METERING_USAGE);
  }
  sendError(ctx, 404, "Not Found", "not_found");
}
