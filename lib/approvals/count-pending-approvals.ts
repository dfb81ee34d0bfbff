import type { DbClient } from "../db";

/** How many of the workspace's gates wait for a decision (the sidebar's badge). */
export async function countPendingApprovals(db: DbClient, { workspaceId }: { workspaceId: string }) {
  return { pending: await db.approval.count({ where: { workspaceId, status: "pending" } }) };
}
