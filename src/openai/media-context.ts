import type { ChatContext } from "../chat/run.ts";

/** What the media endpoints need: the driver client, the idle deadline, the body limit and the clock. */
export type MediaContext = Pick<ChatContext, "driver" | "idleTimeoutMs" | "maxBodyBytes" | "now">;
