import type { IncomingMessage, ServerResponse } from "node:http";

/** What a scenario needs to answer one request. */
export interface RunContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborts when the client goes away or the double closes. */
  signal: AbortSignal;
  /** Gap between lines of multi-line streams. */
  intervalMs: number;
  /** The `fake` model's delay before its one stream line. */
  fakeDelayMs: number;
}
