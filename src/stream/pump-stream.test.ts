import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collect, streamOf } from "../../test/helpers/streams.ts";
import { pumpStream } from "./pump-stream.ts";
import { chainStages, type Stage, stageStream } from "./stage.ts";

const upper: Stage<string, string> = { push: (s, out) => out.emit(s.toUpperCase()), flush: (out) => out.emit("END") };
const options = { idleMs: 1_000, idleError: () => new Error("idle"), onError: (e: unknown, out: { emit(s: string): void }) => out.emit(`error: ${(e as Error).message}`) };

describe("pumpStream", () => {
  it("runs the source through the stage, flush included", async () => {
    assert.deepEqual(await collect(pumpStream(streamOf(["a", "b"]), upper, options)), ["A", "B", "END"]);
  });

  it("packs what one read made into one chunk when given a packer, and nothing across reads", async () => {
    const split: Stage<string, string> = { push: (s, out) => [...s].forEach((c) => out.emit(c)), flush: (out) => out.emit("!") };
    const pack = (items: string[]) => items.join("+");
    assert.deepEqual(await collect(pumpStream(streamOf(["ab", "cde"]), split, { ...options, pack })), ["a+b", "c+d+e", "!"]);
    assert.deepEqual(await collect(pumpStream(streamOf(["ab"]), split, options)), ["a", "b", "!"]);
  });

  it("replays the prefix one step per pull, the next step made only when the consumer asks again", async () => {
    const made: string[] = [];
    const steps = ["first", "rest"].map((name) => (out: { emit(s: string): void }) => {
      made.push(name);
      out.emit(name);
    });
    const reader = pumpStream(streamOf(["a"]), upper, { ...options, prefix: [(out) => steps[0]?.(out), (out) => steps[1]?.(out)] }).getReader();
    assert.deepEqual(await reader.read(), { done: false, value: "first" });
    assert.deepEqual(made, ["first"], "the rest of the prefix waits for the next pull");
    assert.deepEqual(await reader.read(), { done: false, value: "rest" });
    assert.deepEqual(await reader.read(), { done: false, value: "A" });
  });

  it("ends with the error item when the source fails", async () => {
    let pulls = 0;
    const failing = new ReadableStream<string>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue("a");
        else throw new Error("reset");
      },
    });
    assert.deepEqual(await collect(pumpStream(failing, upper, options)), ["A", "error: reset"]);
  });

  it("ends with the idle error and cancels a silent source", async () => {
    let cancelled: unknown;
    const silent = new ReadableStream<string>({
      pull: () => new Promise(() => {}),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const out = await collect(pumpStream(silent, upper, { ...options, idleMs: 20 }));
    assert.deepEqual(out, ["error: idle"]);
    assert.equal((cancelled as Error).message, "idle");
  });

  it("cuts a source that trickles chunks but never makes an output", async () => {
    let cancelled = false;
    const trickle = new ReadableStream<string>({
      pull: (c) =>
        new Promise<void>((done) =>
          setTimeout(() => {
            if (!cancelled) c.enqueue("x");
            done();
          }, 5),
        ),
      cancel: () => void (cancelled = true),
    });
    const swallow: Stage<string, string> = { push: () => {} };
    assert.deepEqual(await collect(pumpStream(trickle, swallow, { ...options, idleMs: 60 })), ["error: idle"]);
    assert.equal(cancelled, true);
  });

  it("cancelling the result cancels the source", async () => {
    let cancelled = false;
    const endless = new ReadableStream<string>({ pull: (c) => c.enqueue("x"), cancel: () => void (cancelled = true) });
    const reader = pumpStream(endless, upper, options).getReader();
    await reader.read();
    await reader.cancel();
    assert.equal(cancelled, true);
  });
});

describe("chainStages", () => {
  it("feeds the first stage's output and flush into the second", async () => {
    const split: Stage<string, string> = { push: (s, out) => [...s].forEach((c) => out.emit(c)), flush: (out) => out.emit("!") };
    assert.deepEqual(await collect(streamOf(["ab"]).pipeThrough(stageStream(chainStages(split, upper)))), ["A", "B", "!", "END"]);
  });

  it("stop() ends the stream: nothing later is pushed or flushed", async () => {
    const stopAtB: Stage<string, string> = { push: (s, out) => (out.emit(s), s === "b" && out.stop()), flush: (out) => out.emit("flushed") };
    assert.deepEqual(await collect(streamOf(["a", "b", "c"]).pipeThrough(stageStream(stopAtB))), ["a", "b"]);
  });
});

describe("pumpStream heartbeat", () => {
  it("sends the heartbeat during silence without losing the chunk that arrives later, and without resetting the idle deadline", async () => {
    let release: (() => void) | undefined;
    let pulls = 0;
    const slow = new ReadableStream<string>({
      pull: (c) => {
        if (pulls++ > 0) return c.close();
        return new Promise<void>((done) => {
          release = () => (c.enqueue("late"), done());
        });
      },
    });
    setTimeout(() => release?.(), 130);
    const out = await collect(pumpStream(slow, upper, { ...options, heartbeat: { everyMs: 40, item: "beat" } }));
    assert.ok(out.filter((item) => item === "beat").length >= 2, out.join());
    assert.deepEqual(out.filter((item) => item !== "beat"), ["LATE", "END"]);
  });

  it("still cuts a source silent past the idle deadline, heartbeats or not", async () => {
    const silent = new ReadableStream<string>({ pull: () => new Promise(() => {}) });
    const out = await collect(pumpStream(silent, upper, { ...options, idleMs: 100, heartbeat: { everyMs: 30, item: "beat" } }));
    assert.equal(out.at(-1), "error: idle");
    assert.ok(out.includes("beat"));
  });
});
