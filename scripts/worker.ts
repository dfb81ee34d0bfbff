// A worker process: executes runs, approval timeouts and schedules from the shared queue.
// Needs DATABASE_URL (an embedded database belongs to the one process that opened it).
import { config } from "../lib/config";
import { closeDb } from "../lib/db";
import { startEngine, stopEngine } from "../lib/engine/engine";
import { WORKER_ID } from "../lib/engine/runner";

async function main() {
  if (!config.databaseUrl) {
    console.error("npm run worker needs DATABASE_URL: workers share a PostgreSQL database with the web server.");
    process.exit(2);
  }
  const concurrency = Math.max(1, config.workers);
  await startEngine(concurrency);
  console.log(`worker ${WORKER_ID} ready (${concurrency} runs at a time)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopEngine();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
