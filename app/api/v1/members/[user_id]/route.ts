import { z } from "zod";
import { OWNERS, withWorkspace } from "@/lib/api/handler";
import { ZMemberParams } from "@/lib/api/params";
import { ZRole } from "@/lib/invites/schemas";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";

// PATCH /api/v1/members/{user_id}
export const PATCH = withWorkspace(
  async ({ workspaceId, params, body, audited }) => {
    const m = await audited(
      (tx) => changeMemberRole(tx, { workspaceId, userId: params.user_id, role: body.role }),
      (m) => ({ action: "member.role_changed", targetType: "user", targetId: m.userId, details: { email: m.email, from: m.from, role: m.role } }),
    );
    return { user_id: m.userId, role: m.role };
  },
  { summary: "Change a member's role (owners only; the last owner stays owner)", params: ZMemberParams, body: z.object({ role: ZRole }), response: z.object({ user_id: z.string(), role: ZRole }), roles: OWNERS },
);

// DELETE /api/v1/members/{user_id}
export const DELETE = withWorkspace(
  async ({ workspaceId, params, audited }) => {
    await audited(
      (tx) => removeMember(tx, { workspaceId, userId: params.user_id }),
      (m) => ({ action: "member.removed", targetType: "user", targetId: m.userId, details: { email: m.email, role: m.role } }),
    );
  },
  { summary: "Remove someone from the workspace (owners only; not the last owner)", params: ZMemberParams, status: 204, roles: OWNERS },
);
