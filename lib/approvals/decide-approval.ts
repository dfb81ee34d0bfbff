import { ApiError } from "../errors";
import type { Db, DbClient } from "../db";
import { enqueueRun, wakeWorkers } from "../engine/queue/queue";
import { presentApproval } from "./present-approval";

export type Decision = "approved" | "rejected";

/**
 * Records a decision on a pending gate, sets the gate step's outcome and queues the run, in one
 * transaction. The same decision twice is a no-op; the opposite one after it is a 409.
 */
export async function decideApproval(
  db: Db,
  a: { workspaceId: string; approvalId: string; decision: Decision | "timed_out"; by: string; comment?: string; alsoInTx?: (tx: DbClient) => Promise<unknown> },
) {
  const out = await db.$transaction(async (tx) => {
    // Concurrent decisions on one gate take turns on its row, so the later ones read the decision
    // the first one committed: the same decision again is then a harmless repeat, not a conflict.
    await tx.$queryRaw`SELECT id FROM approval WHERE id = ${a.approvalId} AND "workspaceId" = ${a.workspaceId} FOR UPDATE`;
    const approval = await tx.approval.findFirst({ where: { id: a.approvalId, workspaceId: a.workspaceId } });
    if (!approval) throw new ApiError("not_found", `Approval ${a.approvalId} not found`);
    if (approval.status !== "pending") {
      if (approval.status === a.decision) return presentApproval(approval);
      throw new ApiError("conflict", `Approval ${a.approvalId} is already ${approval.status}`, { status: approval.status });
    }
    const now = new Date();
    const updated = await tx.approval.updateMany({
      where: { id: approval.id, status: "pending" },
      data: { status: a.decision, comment: a.comment ?? null, decidedBy: a.by, decidedAt: now },
    });
    if (updated.count === 0) throw new ApiError("conflict", `Approval ${a.approvalId} was decided by someone else just now`);
    // A timeout counts as approval when the gate says "continue".
    const approved = a.decision === "approved" || (a.decision === "timed_out" && approval.onTimeout === "continue");
    const output = { approved, decision: a.decision, by: a.by, comment: a.comment ?? null, decided_at: now.toISOString() };
    const error = approved ? null : a.decision === "timed_out" ? "the approval timed out" : `rejected by ${a.by}${a.comment ? `: ${a.comment}` : ""}`;
    await tx.stepRun.updateMany({
      where: { runId: approval.runId, stepKey: approval.stepKey, status: "waiting" },
      data: { status: approved ? "succeeded" : "failed", output, error, endedAt: now },
    });
    await enqueueRun(approval.runId, tx);
    // Only a decision that changed something is recorded (a repeat returned above).
    await a.alsoInTx?.(tx);
    return presentApproval((await tx.approval.findUnique({ where: { id: approval.id } }))!);
  });
  wakeWorkers();
  return out;
}
