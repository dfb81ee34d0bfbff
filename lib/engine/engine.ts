import { config } from "../config";
import { getDb } from "../db";
import { expireApproval } from "../approvals/expire-approval";
import { closeToolClients } from "./executors/tools";
import { getBoss, startWorkers, stopQueue } from "./queue/queue";
import { isRunningHere } from "./queue/local-runs";
import { advanceFreshRun, advanceRun, findLapsedRuns, LeaseHeldError, renewLeases } from "./runner";
import { pruneEventChains } from "../triggers/prune-event-chains";
import { removeAbandonedSources } from "../sources/write-staged";
import { pruneDeliveries } from "../triggers/prune-deliveries";
import { pruneRuns } from "../runs/prune-runs";
import { tickSchedules } from "../triggers/tick-schedules";

/**
 * Starts this process's share of the engine: `concurrency` runs at once, approval timeouts and
 * the scheduler. With concurrency 0 it only opens the queue, so routes can enqueue work that
 * worker processes (`npm run worker`) execute.
 */
export async function startEngine(concurrency = config.workers) {
  const db = await getDb();
  if (concurrency === 0 && !config.databaseUrl) {
    // Nothing else can reach an embedded database, so this process must run the work.
    console.warn("[engine] WORKERS=0 needs DATABASE_URL; running 1 worker on the embedded database");
    concurrency = 1;
  }
  await getBoss();
  if (concurrency === 0) return;
  await startWorkers(
    {
      advanceRun: (runId) =>
        advanceRun(db, runId).catch((err) => {
          // The job is retried either way; a held lease is expected, anything else is worth a line.
          if (!(err instanceof LeaseHeldError)) console.error(`[engine] run ${runId}:`, (err as Error).message);
          throw err;
        }),
      advanceFreshRun: (run) => advanceFreshRun(db, run),
      // A lease this process let lapse (its event loop stalled) is still its run: not started twice.
      findLapsedRuns: async (limit) => (await findLapsedRuns(db, limit)).filter((id) => !isRunningHere(id)),
      renewLeases: (ids) => renewLeases(db, ids),
      approvalTimeout: (id) => expireApproval(db, id),
      scheduleTick: async () => {
        await tickSchedules(db);
        await pruneDeliveries(db);
        await pruneEventChains(db);
        await pruneRuns(db).catch((err) => console.error("[engine] pruning finished runs failed:", (err as Error).message));
        // An import whose process died mid-write: with several processes, only age tells.
        await removeAbandonedSources(db).catch((err) => console.error("[engine] abandoned import sweep failed:", (err as Error).message));
      },
    },
    concurrency,
  );
  // Catch up at once on start, rather than at the next minute's tick.
  await tickSchedules(db).catch((err) => console.error("[engine] schedule catch-up failed:", (err as Error).message));
}

export async function stopEngine() {
  await stopQueue();
  await closeToolClients();
}
