import { withWorkspace } from "@/lib/api/handler";
import { listApprovals } from "@/lib/approvals/presenters/list-approvals";
import { ZApprovalListQuery } from "@/lib/approvals/schemas";
import { ZApprovalPage } from "@/lib/approvals/responses";

// GET /api/v1/approvals
export const GET = withWorkspace(
  ({ db, workspaceId, query }) => listApprovals(db, { workspaceId, ...query }),
  { summary: "Approval gates waiting for a decision (or those of ?status=, or all), newest first", query: ZApprovalListQuery, response: ZApprovalPage },
);
