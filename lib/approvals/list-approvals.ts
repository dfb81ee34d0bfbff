import type { DbClient } from "../db";
import type { GateStatus } from "../generated/prisma/client";
import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "../pagination";
import { presentApproval } from "./present-approval";

/** A page of the workspace's gates with one status (or all of them), newest first. */
export async function listApprovals(db: DbClient, q: { workspaceId: string; status: GateStatus | "all"; limit: number; cursor?: string }) {
  const rows = await db.approval.findMany({
    where: { workspaceId: q.workspaceId, ...(q.status === "all" ? {} : { status: q.status }), ...afterCursor(decodeCursor(q.cursor)) },
    orderBy: PAGE_ORDER,
    take: q.limit + 1,
  });
  return toPage(rows, q.limit, presentApproval);
}
