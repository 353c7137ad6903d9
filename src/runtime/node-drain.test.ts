import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { serve } from "@hono/node-server";
import { rawRequest } from "../../test/helpers/raw-http.ts";
import { createPuterDouble } from "../../test/puter-double/double.ts";
import { createApp } from "../app.ts";
import { parseConfig } from "../config.ts";
import { drainingFetch } from "./node-drain.ts";

/** The proxy on @hono/node-server as `npm start` serves it (`drain`), or bare, to show the reset. */
async function start(drain: boolean) {
  const config = parseConfig({ PUTER_API_BASE: "http://puter.invalid", LOG_LEVEL: "silent" });
  const app = createApp(config, { fetch: createPuterDouble().fetch });
  const fetch = drain ? drainingFetch(app, config) : app.fetch;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("Node: a body the route ignores never turns the answer into a reset", () => {
  for (const [method, path, status] of [
    ["GET", "/health", "200"],
    ["GET", "/nowhere", "404"],
    ["POST", "/health", "405"],
  ] as const) {
    it(`${method} ${path} with 4 MB and Connection: close → ${status}, ten times`, async () => {
      const server = await start(true);
      try {
        for (let i = 0; i < 10; i++) {
          const result = await rawRequest(server.port, method, path, 4 * 1024 * 1024);
          assert.deepEqual(result, { statusLine: `HTTP/1.1 ${status} ${status === "200" ? "OK" : status === "404" ? "Not Found" : "Method Not Allowed"}` }, `attempt ${i}`);
        }
      } finally {
        await server.close();
      }
    });
  }
});
