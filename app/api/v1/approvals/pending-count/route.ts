import { withWorkspace } from "@/lib/api/handler";
import { countPendingApprovals } from "@/lib/approvals/count-pending-approvals";
import { ZPendingApprovalCount } from "@/lib/approvals/responses";

// GET /api/v1/approvals/pending-count
export const GET = withWorkspace(({ db, workspaceId }) => countPendingApprovals(db, { workspaceId }), {
  summary: "How many approval gates wait for a decision (cheap enough to poll)",
  response: ZPendingApprovalCount,
});
