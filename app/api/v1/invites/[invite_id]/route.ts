import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { ZInviteParams } from "@/lib/api/params";
import { revokeInvite } from "@/lib/invites/revoke-invite";
import { presentInvite, ZInvite } from "@/lib/invites/schemas";

// DELETE /api/v1/invites/{invite_id}
export const DELETE = withWorkspace(
  async ({ workspaceId, params, audited }) =>
    presentInvite(
      await audited(
        (tx) => revokeInvite(tx, { workspaceId, inviteId: params.invite_id }),
        (i) => ({ action: "invite.revoked", targetType: "invite", targetId: i.id, details: { email: i.email, role: i.role } }),
      ),
    ),
  { summary: "Revoke an invite; its link stops working", params: ZInviteParams, response: ZInvite, roles: ADMINS },
);
