import { ApiError } from "../errors";
import type { Db } from "../db";
import { abortLocalRun } from "../engine/queue/local-runs";
import { getRunOrThrow } from "./get-run";

const TERMINAL = ["succeeded", "failed", "canceled"];

/** Cancels a run that has not ended: its steps stop at their next write, gates close. */
export async function cancelRun(db: Db, { workspaceId, runId }: { workspaceId: string; runId: string }) {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const run = await tx.automationRun.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
    if (!run) throw new ApiError("not_found", `Run ${runId} not found`);
    if (TERMINAL.includes(run.status)) throw new ApiError("conflict", `Run ${runId} has already ${run.status === "canceled" ? "been canceled" : run.status}`);
    await tx.automationRun.update({ where: { id: runId }, data: { status: "canceled", endedAt: now, error: "canceled" } });
    await tx.stepRun.updateMany({ where: { runId, status: { in: ["pending", "running", "waiting"] } }, data: { status: "canceled", endedAt: now } });
    await tx.stepItem.updateMany({ where: { runId, status: { in: ["pending", "running"] } }, data: { status: "canceled", endedAt: now } });
    await tx.approval.updateMany({ where: { runId, status: "pending" }, data: { status: "canceled", decidedAt: now } });
  });
  abortLocalRun(runId);
  return getRunOrThrow(db, { workspaceId, runId });
}
