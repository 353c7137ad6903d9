import type { UpstreamEvent } from "../../events.ts";
import { UpstreamError } from "../../errors.ts";
import { parseStreamLine } from "./events.ts";

/** Parses Puter's NDJSON lines into upstream events; blank lines are skipped, as puter.js does. */
export class PuterEventStream extends TransformStream<string, UpstreamEvent> {
  constructor() {
    super({
      transform(line, controller) {
        if (!line.trim()) return;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          controller.enqueue({ type: "error", error: new UpstreamError("Puter sent a stream line that is not JSON.", "upstream_bad_response") });
          return;
        }
        for (const event of parseStreamLine(value)) controller.enqueue(event);
      },
    });
  }
}
