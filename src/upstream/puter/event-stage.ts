import type { UpstreamEvent } from "../../events.ts";
import { UpstreamError } from "../../errors.ts";
import type { Stage } from "../../stream/stage.ts";
import { parseStreamLine } from "./events.ts";

/** Parses Puter's NDJSON lines into upstream events; blank lines are skipped, as puter.js does. */
export function puterEventStage(): Stage<string, UpstreamEvent> {
  return {
    push(line, out) {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        out.emit({ type: "error", error: new UpstreamError("Puter sent a stream line that is not JSON.", "upstream_bad_response") });
        return;
      }
      for (const event of parseStreamLine(value)) out.emit(event);
    },
  };
}
