/** The media endpoints in-process, through the official openai SDK against the Puter double. */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, describe, it } from "node:test";
import OpenAI, { toFile } from "openai";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config.ts";
import { generateImages, IMAGE_CONCURRENCY } from "../../src/upstream/puter/image-calls.ts";
import { createPuterDouble } from "../puter-double/double.ts";
import { AUDIO_CHUNK_BYTES, AUDIO_CHUNKS, audioChunk, MEDIA_MODELS, PNG_BASE64, SLOW_GAP_MS } from "../puter-double/media.ts";

const TOKEN = "media-test-token";
const double = createPuterDouble({ intervalMs: 1 });
const app = createApp(parseConfig({ PUTER_API_BASE: double.url, LOG_LEVEL: "silent" }), { fetch: double.fetch });
const appFetch = (url: RequestInfo | URL, init?: RequestInit) => Promise.resolve(app.fetch(new Request(url, init)));
const client = new OpenAI({ apiKey: TOKEN, baseURL: "http://proxy.test/v1", fetch: appFetch, maxRetries: 0, timeout: 10_000 });
after(() => double.close());

const drivers = () => double.requests.filter((r) => r.path === "/drivers/call").map((r) => r.body as { interface: string; method: string; args: Record<string, unknown> });
const lastArgs = () => drivers().at(-1)?.args ?? {};
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const expectedAudio = () => Buffer.concat(Array.from({ length: AUDIO_CHUNKS }, (_, i) => audioChunk(i)));

describe("images.generate", () => {
  it("b64_json from a data URL, with size and quality mapped to Puter's args", async () => {
    const image = await client.images.generate({ prompt: "a cat", size: "1536x1024", quality: "high", response_format: "b64_json" });
    assert.equal(image.data?.[0]?.b64_json, PNG_BASE64);
    const call = drivers().at(-1);
    assert.equal(call?.interface, "puter-image-generation");
    assert.equal(call?.method, "generate");
    assert.deepEqual(lastArgs(), { prompt: "a cat", model: "gpt-image-1-mini", ratio: { w: 1536, h: 1024 }, width: 1536, height: 1024, quality: "high" });
  });

  it("url: a data URL is the url itself", async () => {
    const image = await client.images.generate({ prompt: "a cat", model: "gpt-image-1", response_format: "url" });
    assert.equal(image.data?.[0]?.url, `data:image/png;base64,${PNG_BASE64}`);
  });

  it("b64_json from an http URL is downloaded without the token; url passes it through", async () => {
    const before = double.requests.length;
    const image = await client.images.generate({ prompt: "a cat", model: MEDIA_MODELS.imageUrl, response_format: "b64_json" });
    assert.equal(image.data?.[0]?.b64_json, PNG_BASE64);
    const download = double.requests.slice(before).find((r) => r.path === "/test-assets/image.png");
    assert.ok(download, "the image was fetched");
    assert.equal(download.headers.authorization, undefined);
    assert.ok(!JSON.stringify(download.headers).includes(TOKEN));
    const byUrl = await client.images.generate({ prompt: "a cat", model: MEDIA_MODELS.imageUrl });
    assert.match(byUrl.data?.[0]?.url ?? "", /\/test-assets\/image\.png$/);
  });

  it("n calls run at most IMAGE_CONCURRENCY at once", async () => {
    let inFlight = 0;
    let most = 0;
    const slowFetch: typeof fetch = async (input, init) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return double.fetch(input, init);
    };
    const driver = { fetch: slowFetch, baseUrl: double.url, timeoutMs: 5000 };
    const urls = await generateImages(driver, TOKEN, { prompt: "a", model: "gpt-image-1-mini" }, 4);
    assert.equal(urls.length, 4);
    assert.equal(most, IMAGE_CONCURRENCY);
  });

  it("n=3 makes three calls; n=5 is a 400", async () => {
    const before = drivers().length;
    const image = await client.images.generate({ prompt: "a cat", n: 3, response_format: "b64_json" });
    assert.equal(image.data?.length, 3);
    assert.equal(drivers().length - before, 3);
    await assert.rejects(client.images.generate({ prompt: "a cat", n: 5 }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "n");
  });

  it("Puter's 402, 429 and 400 reach the client with OpenAI's statuses", async () => {
    await assert.rejects(client.images.generate({ prompt: "x", model: MEDIA_MODELS.funds }), (e: unknown) => e instanceof OpenAI.RateLimitError && e.code === "insufficient_quota");
    await assert.rejects(client.images.generate({ prompt: "x", model: MEDIA_MODELS.rate }), (e: unknown) => e instanceof OpenAI.RateLimitError && e.code === "rate_limit_exceeded");
    await assert.rejects(client.images.generate({ prompt: "x", model: MEDIA_MODELS.bad }), (e: unknown) => e instanceof OpenAI.BadRequestError && /quality/.test(e.message));
    await assert.rejects(new OpenAI({ apiKey: "invalid-token", baseURL: "http://proxy.test/v1", fetch: appFetch, maxRetries: 0 }).images.generate({ prompt: "x" }), OpenAI.AuthenticationError);
  });
});

describe("images.edit", () => {
  const png = () => toFile(Buffer.from(PNG_BASE64, "base64"), "in.png", { type: "image/png" });

  it("sends the upload as Puter's input_image with its mime type", async () => {
    const image = await client.images.edit({ image: await png(), prompt: "make it blue", response_format: "b64_json" });
    assert.equal(image.data?.[0]?.b64_json, PNG_BASE64);
    assert.equal(lastArgs().input_image, PNG_BASE64);
    assert.equal(lastArgs().input_image_mime_type, "image/png");
    assert.equal(lastArgs().prompt, "make it blue");
  });

  it("two images go as input_images data URLs", async () => {
    await client.images.edit({ image: [await png(), await png()], prompt: "merge" });
    assert.deepEqual(lastArgs().input_images, [`data:image/png;base64,${PNG_BASE64}`, `data:image/png;base64,${PNG_BASE64}`]);
  });

  it("a mask is a 400 that says Puter cannot apply one, before any Puter call", async () => {
    const before = drivers().length;
    await assert.rejects(client.images.edit({ image: await png(), mask: await png(), prompt: "x" }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "mask" && /cannot apply a mask/.test(e.message));
    assert.equal(drivers().length, before);
  });
});

describe("audio.speech.create", () => {
  it("streams Puter's audio through with its type, pinning the OpenAI provider", async () => {
    const response = await client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "hello", response_format: "mp3", instructions: "cheerful" });
    assert.equal(response.headers.get("content-type"), "audio/mpeg");
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), expectedAudio());
    assert.deepEqual(lastArgs(), { text: "hello", voice: "alloy", model: "tts-1", response_format: "mp3", provider: "openai", instructions: "cheerful" });
    assert.equal(drivers().at(-1)?.interface, "puter-tts");
  });

  it("a slow stream arrives in pieces, the first long before the last", async () => {
    const started = Date.now();
    const response = await client.audio.speech.create({ model: MEDIA_MODELS.ttsSlow, voice: "alloy", input: "hello" });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const arrivals: number[] = [];
    let bytes = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      arrivals.push(Date.now() - started);
      bytes += next.value.byteLength;
    }
    assert.equal(bytes, AUDIO_CHUNKS * AUDIO_CHUNK_BYTES);
    assert.ok(arrivals.length >= AUDIO_CHUNKS, `arrived in ${arrivals.length} pieces`);
    const first = arrivals[0] as number;
    const last = arrivals.at(-1) as number;
    assert.ok(last - first >= (AUDIO_CHUNKS - 1) * SLOW_GAP_MS * 0.8, `first at ${first} ms, last at ${last} ms`);
  });

  it("a cut stream errors the body instead of ending cleanly", async () => {
    const response = await client.audio.speech.create({ model: MEDIA_MODELS.ttsCut, voice: "alloy", input: "hello" });
    await assert.rejects(response.arrayBuffer());
  });

  it("errors before any audio get real statuses; bad input is a 400", async () => {
    await assert.rejects(client.audio.speech.create({ model: MEDIA_MODELS.funds, voice: "alloy", input: "x" }), (e: unknown) => e instanceof OpenAI.RateLimitError && e.code === "insufficient_quota");
    await assert.rejects(client.audio.speech.create({ model: MEDIA_MODELS.rate, voice: "alloy", input: "x" }), OpenAI.RateLimitError);
    await assert.rejects(client.audio.speech.create({ model: "tts-1", voice: "alloy", input: "x", response_format: "ogg" as "mp3" }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "response_format");
  });
});

describe("audio.transcriptions / translations", () => {
  const audio = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256);
  const file = () => toFile(audio, "clip.wav", { type: "audio/wav" });

  it("json: the upload reaches Puter whole (size and SHA-256), with temperature as a number", async () => {
    const result = await client.audio.transcriptions.create({ file: await file(), model: "gpt-4o-mini-transcribe", language: "en", prompt: "names", temperature: 0.2 });
    assert.equal(result.text, `transcribe ${audio.length} bytes audio/wav sha256=${sha256(audio)}`);
    const args = lastArgs();
    assert.equal(drivers().at(-1)?.interface, "puter-speech2txt");
    assert.deepEqual({ ...args, file: undefined }, { file: undefined, model: "gpt-4o-mini-transcribe", language: "en", prompt: "names", temperature: 0.2, response_format: "json" });
  });

  for (const format of ["text", "srt", "vtt"] as const) {
    it(`${format} comes back as text/plain`, async () => {
      const raw = await client.audio.transcriptions.create({ file: await file(), model: "whisper-1", response_format: format }).asResponse();
      assert.match(raw.headers.get("content-type") ?? "", /^text\/plain/);
      assert.match(await raw.text(), new RegExp(`sha256=${sha256(audio)}`));
    });
  }

  it("verbose_json passes Puter's object through", async () => {
    const result = await client.audio.transcriptions.create({ file: await file(), model: "whisper-1", response_format: "verbose_json" });
    assert.equal(result.duration, 1);
    assert.match(result.text, /^transcribe/);
  });

  it("translations call translate", async () => {
    const result = await client.audio.translations.create({ file: await file(), model: "whisper-1" });
    assert.match(result.text, /^translate 300000 bytes/);
    assert.equal(drivers().at(-1)?.method, "translate");
  });

  it("a file over 25 MB is a 413 before anything is sent to Puter", async () => {
    const before = drivers().length;
    const big = await toFile(new Uint8Array(25 * 1024 * 1024 + 1), "big.wav", { type: "audio/wav" });
    await assert.rejects(client.audio.transcriptions.create({ file: big, model: "whisper-1" }), (e: unknown) => e instanceof OpenAI.APIError && e.status === 413 && e.code === "file_too_large");
    assert.equal(drivers().length, before);
  });

  it("Puter's errors: 402 and 429", async () => {
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: MEDIA_MODELS.funds }), (e: unknown) => e instanceof OpenAI.RateLimitError && e.code === "insufficient_quota");
    await assert.rejects(client.audio.transcriptions.create({ file: await file(), model: MEDIA_MODELS.rate }), OpenAI.RateLimitError);
  });
});
