import type { PuterMessage } from "../upstream/puter/messages.ts";
import { shapeFull } from "./full.ts";
import { shapeRaw } from "./raw.ts";
import { shapeStandard } from "./standard.ts";

/** The message-shaping modes, in the order the README describes them. */
export const MODES = ["raw", "standard", "full"] as const;

/** One of {@link MODES}. */
export type Mode = (typeof MODES)[number];

/** Whether a config or request value names a known mode. */
export function isMode(value: string): value is Mode {
  return (MODES as readonly string[]).includes(value);
}

/** Shapes the client's messages for the upstream as the given mode says. */
export function shapeMessages(mode: Mode, messages: PuterMessage[]): PuterMessage[] {
  switch (mode) {
    case "raw":
      return shapeRaw(messages);
    case "standard":
      return shapeStandard(messages);
    case "full":
      return shapeFull(messages);
    default: {
      const unknown: never = mode;
      throw new Error(`unknown mode: ${String(unknown)}`);
    }
  }
}
