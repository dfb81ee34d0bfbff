import { ApiError } from "../errors";
import type { Db } from "../db";
import { loadDefinition } from "../automations/load-definition";
import { wakeWorkers } from "../engine/queue/queue";
import { createRunInTx } from "./start-run";
import { getRunOrThrow } from "./get-run";

/**
 * Re-runs a failed (or canceled) run from where it stopped: a new run on the same version whose
 * succeeded steps are copied with their outputs, so only the failed step and what follows run.
 */
export async function retryRun(db: Db, { workspaceId, runId }: { workspaceId: string; runId: string }) {
  const run = await db.automationRun.findFirst({ where: { id: runId, workspaceId }, include: { steps: true } });
  if (!run) throw new ApiError("not_found", `Run ${runId} not found`);
  if (run.status !== "failed" && run.status !== "canceled") throw new ApiError("conflict", `Only failed or canceled runs can be retried; run ${runId} is ${run.status}`);
  const definition = await loadDefinition(db, { automationId: run.automationId, version: run.version });
  const reuse = new Map(run.steps.filter((s) => s.status === "succeeded").map((s) => [s.stepKey, s.output]));
  const id = await db.$transaction((tx) =>
    createRunInTx(tx, {
      workspaceId,
      automationId: run.automationId,
      version: run.version,
      definition,
      trigger: "retry",
      input: run.input as Record<string, unknown>,
      reuse,
      retryOf: run.id,
      // The retry finishes the original's work: its dates are the original's.
      logicalTime: run.logicalTime ?? run.createdAt,
      eventDepth: run.eventDepth,
    }),
  );
  wakeWorkers();
  return getRunOrThrow(db, { workspaceId, runId: id });
}
