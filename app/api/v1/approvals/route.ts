import { withWorkspace } from "@/lib/api/handler";
import { afterCursor, decodeCursor, PAGE_ORDER, toPage } from "@/lib/pagination";
import { presentApproval } from "@/lib/approvals/present-approval";
import { ZApprovalListQuery } from "@/lib/approvals/schemas";

// GET /api/v1/approvals: gates waiting for a decision (or ?status=… / all), newest first
export const GET = withWorkspace(
  async ({ db, workspaceId, query }) => {
    const rows = await db.approval.findMany({
      where: { workspaceId, ...(query.status === "all" ? {} : { status: query.status }), ...afterCursor(decodeCursor(query.cursor)) },
      orderBy: PAGE_ORDER,
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, presentApproval);
  },
  { query: ZApprovalListQuery },
);
