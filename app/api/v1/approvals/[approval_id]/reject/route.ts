import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { ZApprovalParams } from "@/lib/api/params";
import { addOneApprovalContext } from "@/lib/approvals/presenters/add-approval-context";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { ZDecisionBody } from "@/lib/approvals/schemas";
import { ZApproval } from "@/lib/approvals/responses";

// POST /api/v1/approvals/{approval_id}/reject
export const POST = withWorkspace(
  async ({ db, workspaceId, actor, params, body, audit }) => {
    const approval = await decideApproval(db, {
      workspaceId,
      approvalId: params.approval_id,
      decision: "rejected",
      by: actorLabel(actor),
      comment: body.comment,
      alsoInTx: (tx) => audit(tx, { action: "approval.rejected", targetType: "approval", targetId: params.approval_id, details: { comment: body.comment ?? null } }),
    });
    return addOneApprovalContext(db, { workspaceId, approval });
  },
  { summary: "Reject a waiting gate, with an optional comment; repeating it is harmless", params: ZApprovalParams, body: ZDecisionBody, response: ZApproval },
);
