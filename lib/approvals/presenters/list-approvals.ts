import type { DbClient } from "../../db";
import type { GateStatus } from "../../generated/prisma/client";
import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "../../pagination";
import { presentApproval } from "../present-approval";
import { addApprovalContext } from "./add-approval-context";

/** A page of the workspace's gates with one status (or all of them), newest first, each with its context. */
export async function listApprovals(db: DbClient, q: { workspaceId: string; status: GateStatus | "all"; limit: number; cursor?: string }) {
  const rows = await db.approval.findMany({
    where: { workspaceId: q.workspaceId, ...(q.status === "all" ? {} : { status: q.status }), ...afterCursor(decodeCursor(q.cursor)) },
    orderBy: PAGE_ORDER,
    take: q.limit + 1,
  });
  const page = toPage(rows, q.limit, presentApproval);
  return { ...page, data: await addApprovalContext(db, { workspaceId: q.workspaceId, approvals: page.data }) };
}
