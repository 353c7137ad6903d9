import { UpstreamError } from "../../../errors.ts";
import type { Stage, StageOutput } from "../../../stream/stage.ts";
import type { UpstreamEvent } from "../../events.ts";
import { PuterLineParser } from "./lines.ts";

export function badResponse(what: string): UpstreamError {
  return new UpstreamError(`Puter ${what}.`, "upstream_bad_response");
}

/**
 * Parses Puter's NDJSON lines into upstream events; blank lines are skipped, as puter.js does. A
 * stream that ends having said nothing at all (an empty body, a JSON document sent as NDJSON) is
 * a failure, never an empty answer.
 */
export function puterEventStage(): Stage<string, UpstreamEvent> {
  const parser = new PuterLineParser();
  let said = false;
  // Made once per output (the head reader's, then the stream's), not once per line.
  let target: StageOutput<UpstreamEvent> | undefined;
  let emit: (event: UpstreamEvent) => void = () => {};
  const emitTo = (out: StageOutput<UpstreamEvent>) => {
    if (out !== target) {
      target = out;
      emit = (event) => {
        said = true;
        out.emit(event);
      };
    }
    return emit;
  };
  return {
    push(line, out) {
      if (!line.trim()) return;
      const emit = emitTo(out);
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        emit({ type: "error", error: badResponse("sent a stream line that is not JSON") });
        return;
      }
      parser.parse(value, emit);
    },
    flush(out) {
      if (!said) out.emit({ type: "error", error: badResponse("ended its stream without an answer, usage or error") });
    },
  };
}
