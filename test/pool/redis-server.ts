import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";

/** Debian's redis-server, which `.ci/run` installs. */
export const REDIS_SERVER = "/usr/bin/redis-server";
export const redisAvailable = () => existsSync(REDIS_SERVER);

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.write("PING\r\n");
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
    });
    socket.once("error", () => resolve(false));
  });
}

/** A real Redis on loopback with no persistence; `stop()` and `start()` again on the same port. */
export function redisOn(port: number) {
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start(deadlineMs = 10_000) {
      child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      const until = Date.now() + deadlineMs;
      while (!(await answers(port))) {
        if (Date.now() > until) throw new Error(`redis-server did not answer on ${port} within ${deadlineMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
