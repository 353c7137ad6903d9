import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "./config.ts";
import { ConfigError } from "./errors.ts";

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    assert.deepEqual(parseConfig({}), {
      port: 8000,
      host: "127.0.0.1",
      puterApiBase: "https://api.puter.com",
      mode: "raw",
      corsOrigins: ["*"],
      maxBodyBytes: 33_554_432,
      requestBodyTimeoutMs: 30_000,
      upstreamTimeoutMs: 600_000,
      streamIdleTimeoutMs: 300_000,
      sseKeepaliveMs: 15_000,
      logFormat: "text",
      modelsTtlMs: 600_000,
      logLevel: "info",
      puterJsUrl: "https://js.puter.com/v2/",
      puterJsApiOrigin: "https://api.puter.com",
    });
  });

  it("reads REQUEST_BODY_TIMEOUT_MS and refuses a value that is not a whole number of ms", () => {
    assert.equal(parseConfig({ REQUEST_BODY_TIMEOUT_MS: "2500" }).requestBodyTimeoutMs, 2_500);
    for (const bad of ["0", "-1", "1.5", "soon", "3600001"]) {
      assert.throws(
        () => parseConfig({ REQUEST_BODY_TIMEOUT_MS: bad }),
        (error: unknown) => error instanceof ConfigError && /^REQUEST_BODY_TIMEOUT_MS=.*expected a whole number from 1 to 3600000$/.test(error.problems[0] ?? ""),
      );
    }
  });

  it("takes the page's puter.js URL as given and reduces its API origin to an origin", () => {
    const config = parseConfig({ PUTER_JS_URL: " http://127.0.0.1:4200/puter.js ", PUTER_JS_API_ORIGIN: "http://127.0.0.1:4300/" });
    assert.equal(config.puterJsUrl, "http://127.0.0.1:4200/puter.js");
    assert.equal(config.puterJsApiOrigin, "http://127.0.0.1:4300");
  });

  it("rejects a puter.js URL or API origin that is not http(s), listing both", () => {
    assert.throws(
      () => parseConfig({ PUTER_JS_URL: "js.puter.com/v2/", PUTER_JS_API_ORIGIN: "ftp://api.puter.com" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          'PUTER_JS_URL="js.puter.com/v2/": expected an http(s) URL such as https://js.puter.com/v2/',
          'PUTER_JS_API_ORIGIN="ftp://api.puter.com": expected an http(s) URL such as https://api.puter.com',
        ]);
        return true;
      },
    );
  });

  it("trims values, ignores empty ones and normalises case and slashes", () => {
    const config = parseConfig({ PORT: " 9000 ", HOST: "", MODE: "Standard", PUTER_API_BASE: "http://127.0.0.1:4100/", CORS_ORIGINS: "https://a.example, https://b.example/" });
    assert.equal(config.port, 9000);
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.mode, "standard");
    assert.equal(config.puterApiBase, "http://127.0.0.1:4100");
    assert.deepEqual(config.corsOrigins, ["https://a.example", "https://b.example"]);
  });

  it("lists every problem at once, naming each variable and what is allowed", () => {
    assert.throws(
      () => parseConfig({ PORT: "eighty", MODE: "fancy", PUTER_API_BASE: "api.puter.com", UPSTREAM_TIMEOUT_MS: "-1", LOG_LEVEL: "loud" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 5);
        assert.match(error.message, /PORT="eighty": expected a whole number from 0 to 65535/);
        assert.match(error.message, /MODE="fancy": expected one of raw, standard, full/);
        assert.match(error.message, /PUTER_API_BASE/);
        assert.match(error.message, /UPSTREAM_TIMEOUT_MS/);
        assert.match(error.message, /LOG_LEVEL="loud": expected one of silent, error, info/);
        return true;
      },
    );
  });
});

describe("parseConfig: pool mode", () => {
  it("PUTER_TOKENS with ACCESS_KEYS is pool mode, comma or newline separated, with the documented defaults", () => {
    const config = parseConfig({ PUTER_TOKENS: "t1, t2\nt3", ACCESS_KEYS: "k1" });
    assert.deepEqual(config.pool, { tokens: ["t1", "t2", "t3"], accessKeys: ["k1"], maxConcurrent: 3, fundsCooldownMs: 3_600_000 });
    assert.equal(parseConfig({}).pool, undefined);
    assert.equal(parseConfig({ LOG_FORMAT: "JSON" }).logFormat, "json");
  });

  it("refuses to start as an open relay, or with keys and no tokens, naming every problem", () => {
    assert.throws(
      () => parseConfig({ PUTER_TOKENS: "t1", POOL_MAX_CONCURRENT: "0", LOG_FORMAT: "xml" }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        assert.match(error.problems.join("\n"), /ACCESS_KEYS[\s\S]*open relay/);
        assert.match(error.problems.join("\n"), /POOL_MAX_CONCURRENT/);
        assert.match(error.problems.join("\n"), /LOG_FORMAT/);
        return true;
      },
    );
    assert.throws(() => parseConfig({ ACCESS_KEYS: "k1" }), /ACCESS_KEYS is set but PUTER_TOKENS is not/);
    assert.throws(() => parseConfig({ REDIS_URL: "redis://127.0.0.1:6379" }), /REDIS_URL is set but PUTER_TOKENS is not/);
  });
});
