import { withWorkspace } from "@/lib/api/handler";
import { listApprovals } from "@/lib/approvals/list-approvals";
import { ZApprovalListQuery } from "@/lib/approvals/schemas";

// GET /api/v1/approvals: gates waiting for a decision (or ?status=… / all), newest first
export const GET = withWorkspace(
  ({ db, workspaceId, query }) => listApprovals(db, { workspaceId, ...query }),
  { query: ZApprovalListQuery },
);
