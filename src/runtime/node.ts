/** Node entry: `npm start`. Reads the environment, serves the app through @hono/node-server. */
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../app.ts";
import { loadConfigOrExit } from "./load-config.ts";
import { createNodeFetch } from "./node-fetch.ts";
import { nodeServerFetch } from "./node-sse.ts";
import { poolStoreFor } from "./pool-store.ts";
import { startupLine } from "./startup-line.ts";

const config = loadConfigOrExit(process.env, (code) => process.exit(code));
const log = (line: string) => console.log(line);
const app = createApp(config, { fetch: createNodeFetch(), log, poolStore: await poolStoreFor(config, log) });
const server = serve({ fetch: nodeServerFetch(app, config), port: config.port, hostname: config.host }, (info: AddressInfo) => {
  console.log(startupLine(config, info.port));
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Stop accepting, let open streams finish, and do not wait forever for them.
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
