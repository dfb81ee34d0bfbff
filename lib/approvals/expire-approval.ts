import { ApiError } from "../errors";
import type { Db } from "../db";
import { decideApproval } from "./decide-approval";

/** The timeout job: applies the gate's on-timeout action if nobody decided first. */
export async function expireApproval(db: Db, approvalId: string) {
  const approval = await db.approval.findUnique({ where: { id: approvalId } });
  if (!approval || approval.status !== "pending") return;
  if (approval.expiresAt && approval.expiresAt.getTime() > Date.now() + 1000) return; // moved later
  await decideApproval(db, { workspaceId: approval.workspaceId, approvalId, decision: "timed_out", by: "system:timeout" }).catch((err) => {
    if (!(err instanceof ApiError && err.code === "conflict")) throw err;
  });
}
