import type { Db } from "../db";
import { newId } from "../ids";
import { scheduleApprovalTimeout } from "../engine/queue/queue";

/**
 * Opens an approval gate for a run's step: the approval row (once, however often the run comes
 * back to the gate), a timeout job when the gate has one, and the step parked as waiting, in one
 * transaction. False when the run is no longer the caller's to advance (canceled, lease lost).
 */
export async function openGate(
  db: Db,
  g: { run: { id: string; workspaceId: string; automationId: string }; stepKey: string; inputs: Record<string, unknown>; leaseOwner: string },
): Promise<boolean> {
  const timeoutSeconds = typeof g.inputs.timeout_seconds === "number" ? g.inputs.timeout_seconds : undefined;
  const expiresAt = timeoutSeconds ? new Date(Date.now() + timeoutSeconds * 1000) : null;
  return db.$transaction(async (tx) => {
    const existing = await tx.approval.findUnique({ where: { runId_stepKey: { runId: g.run.id, stepKey: g.stepKey } } });
    if (!existing) {
      const id = newId("apr");
      await tx.approval.create({
        data: {
          id,
          workspaceId: g.run.workspaceId,
          automationId: g.run.automationId,
          runId: g.run.id,
          stepKey: g.stepKey,
          message: String(g.inputs.message ?? "Approve to continue"),
          expiresAt,
          onTimeout: g.inputs.on_timeout === "continue" ? "continue" : "reject",
        },
      });
      if (expiresAt) await scheduleApprovalTimeout(id, expiresAt, tx);
    }
    const n = await tx.$executeRaw`
      UPDATE step_run s SET status = 'waiting', attempt = 1, inputs = ${JSON.stringify(g.inputs)}::jsonb, "startedAt" = COALESCE(s."startedAt", ${new Date()})
        FROM automation_run r
       WHERE s."runId" = ${g.run.id} AND s."stepKey" = ${g.stepKey} AND s.status = 'pending'
         AND r.id = s."runId" AND r.status = 'running' AND r."leaseOwner" = ${g.leaseOwner}`;
    return n > 0;
  });
}
