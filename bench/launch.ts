/**
 * Starting a path's server and knowing when it serves: "ready" means a real chat request came back
 * 200 with the fixed answer, not that a port opened or a banner was printed.
 */
import { keepAliveAgent, noKeepAliveAgent, timedRequest } from "./lib/http.ts";
import { type Child, freePort, start, stop, waitFor } from "./lib/proc.ts";
import type { PathSpec } from "./paths.ts";
import { checkAnswer } from "./workload.ts";

/** A path ready to take requests: the port to send to and the server process, if it has one. */
export interface Running {
  spec: PathSpec;
  port: number;
  child?: Child;
  /** ms from spawn to the first correct answer. */
  readyMs: number;
}

/** How often a starting server is probed: fine enough to time a cold start to a few ms. */
const PROBE_INTERVAL_MS = 2;

export async function launch(spec: PathSpec, doublePort: number, deadlineMs = 60_000): Promise<Running> {
  if (!spec.command) return { spec, port: doublePort, readyMs: 0 };
  const port = await freePort();
  const child = start(spec.command(port, doublePort));
  let exited: string | undefined;
  void child.exited.then((code) => {
    exited = code;
  });
  try {
    const died = () => {
      if (exited === undefined) return undefined;
      // The first line says why (the report keeps only that); the output follows for the log.
      const output = child.output();
      const cause = output.split("\n").find((line) => /error/i.test(line))?.trim() ?? "no error printed";
      return new Error(`${spec.label} exited (${exited}) before serving: ${cause}\n${output.slice(-800)}`);
    };
    const readyAt = await waitFor(
      `${spec.label} to answer on port ${port}`,
      deadlineMs,
      PROBE_INTERVAL_MS,
      async () => {
        const res = await timedRequest(spec.request(port, "bench-fast", false), noKeepAliveAgent, 5_000);
        return res.status === 200 ? performance.now() : undefined;
      },
      died,
    );
    return { spec, port, child, readyMs: readyAt - child.spawnedAt };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

export async function shutdown(running: Running): Promise<void> {
  if (running.child) await stop(running.child);
}

/** One request checked against the fixed answer: a path that mangles answers is not timed. */
export async function sanityCheck(running: Running, stream: boolean): Promise<string | undefined> {
  const mode = stream ? "stream" : "non-stream";
  try {
    const res = await timedRequest(running.spec.request(running.port, "bench-fast", stream), keepAliveAgent, 10_000);
    const problem = checkAnswer(res.status, res.text, stream);
    return problem ? `${mode} answer wrong: ${problem}` : undefined;
  } catch (error) {
    return `${mode} request failed: ${(error as Error).message}`;
  }
}

/** Whether the server keeps a client's connection open after a chat answer, as SDK clients expect. */
export async function closesConnections(running: Running): Promise<boolean> {
  const res = await timedRequest(running.spec.request(running.port, "bench-fast", false), keepAliveAgent, 10_000).catch(() => undefined);
  return res?.connection?.toLowerCase() === "close";
}
