import { startPuterDouble } from "./server.ts";

// Standalone entry for tests in other processes: they spawn this file and parse the one stdout line.
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 0);
  const host = process.env.HOST || "127.0.0.1";
  const double = await startPuterDouble({ port: Number.isFinite(port) ? port : 0, host });
  process.stdout.write(`puter-double listening on ${double.url}\n`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await double.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`puter-double failed to start: ${String(error)}\n`);
  process.exit(1);
});
