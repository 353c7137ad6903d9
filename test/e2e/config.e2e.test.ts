import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { launchProxy } from "./launch.ts";
import { selectedRuntimes } from "./runtimes.ts";

for (const runtime of selectedRuntimes()) {
  describe(`configuration on ${runtime.name}`, () => {
    it("a bad value stops the process at start, naming each variable and what is allowed", async () => {
      await assert.rejects(launchProxy(runtime, { MODE: "fancy", UPSTREAM_TIMEOUT_MS: "soon" }), (error: Error) => {
        assert.match(error.message, /exited with code 1/);
        assert.match(error.message, /MODE="fancy": expected one of raw, standard, full/);
        assert.match(error.message, /UPSTREAM_TIMEOUT_MS="soon": expected a whole number/);
        return true;
      });
    });
  });
}
