import type { Approval } from "../generated/prisma/client";

export const presentApproval = (a: Approval) => ({
  id: a.id,
  run_id: a.runId,
  automation_id: a.automationId,
  step_key: a.stepKey,
  status: a.status,
  message: a.message,
  comment: a.comment,
  decided_by: a.decidedBy,
  decided_at: a.decidedAt?.toISOString() ?? null,
  expires_at: a.expiresAt?.toISOString() ?? null,
  on_timeout: a.onTimeout,
  created_at: a.createdAt.toISOString(),
});
