import { InvalidRequestError } from "../errors.ts";
import { isMode, MODES, type Mode } from "../modes/index.ts";

/** The message-shaping mode a request asks for in `X-Puter-Mode`, else the configured one. */
export function readMode(headers: Headers, fallback: Mode): Mode {
  const raw = headers.get("x-puter-mode")?.trim().toLowerCase();
  if (!raw) return fallback;
  if (isMode(raw)) return raw;
  throw new InvalidRequestError(`Invalid X-Puter-Mode header ${JSON.stringify(raw)}: expected one of ${MODES.join(", ")}.`, "X-Puter-Mode");
}
