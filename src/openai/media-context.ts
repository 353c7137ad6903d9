import type { ChatContext } from "../chat/run.ts";

/** What the media endpoints need: the driver client, where tokens come from, the idle deadline, the body limit and the clock. */
export type MediaContext = Pick<ChatContext, "driver" | "credentials" | "idleTimeoutMs" | "maxBodyBytes" | "now">;
