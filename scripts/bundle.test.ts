import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { CatalogModel } from "../src/upstream/puter/models.ts";
import { toModelList } from "../src/upstream/puter/models.ts";
import snapshot from "../src/upstream/puter/models-snapshot.json" with { type: "json" };
import { buildBundle, trimSnapshot } from "./bundle.ts";

/** The budget the issue sets for the one-file Deno Deploy bundle. */
const BUDGET_BYTES = 150_000;

describe("the one-file Deno bundle", () => {
  const dir = mkdtempSync(join(tmpdir(), "puter-bundle-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("is one file with no import or require, under the 150 kB budget", async () => {
    const { path, bytes, gzipBytes } = await buildBundle(join(dir, "deno-puter-proxy.js"));
    const code = readFileSync(path, "utf8");
    assert.ok(bytes < BUDGET_BYTES, `${bytes} bytes (${gzipBytes} gzipped) is over the budget of ${BUDGET_BYTES}`);
    assert.doesNotMatch(code, /\bimport\s*[("'{*]|\bimport\s+[\w$]+\s+from\b|\bexport\s*[{*]|\brequire\s*\(|\bimport\.meta\b/);
    assert.match(code, /Deno\.serve\(/);
    // The catalogue inside is the trimmed snapshot, packed: unpack it as the bundle does.
    const packed = /"(H4sI[A-Za-z0-9+/=]+)"/.exec(code)?.[1];
    assert.ok(packed, "the packed catalogue is in the bundle");
    const unpacked = await new Response(new Blob([Buffer.from(packed, "base64")]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
    assert.deepEqual(unpacked, trimSnapshot(snapshot));
  });

  it("keeps every model's id, owner, created date and price in its lighter catalogue", () => {
    const essentials = (models: CatalogModel[]) => models.map(({ id, created, ownedBy, pricing }) => ({ id, created, ownedBy, pricing }));
    const full = toModelList(snapshot);
    assert.ok(full.length > 500);
    assert.deepEqual(essentials(toModelList(trimSnapshot(snapshot))), essentials(full));
  });
});
