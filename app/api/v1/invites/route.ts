import { z } from "zod";
import { actorLabel } from "@/lib/auth/actor";
import { ADMINS, withWorkspace } from "@/lib/api/handler";
import { requestOrigin } from "@/lib/http/request-origin";
import { createInvite } from "@/lib/invites/create-invite";
import { listInvites } from "@/lib/invites/list-invites";
import { presentInvite, ZCreatedInvite, ZCreateInvite, ZInvite } from "@/lib/invites/schemas";

// GET /api/v1/invites
export const GET = withWorkspace(
  async ({ db, workspaceId }) => ({ data: await listInvites(db, { workspaceId }) }),
  { summary: "The workspace's invites, newest first, without their tokens", roles: ADMINS, response: z.object({ data: z.array(ZInvite) }) },
);

// POST /api/v1/invites
export const POST = withWorkspace(
  async ({ req, workspaceId, actor, body, audited }) => {
    const { invite, token } = await audited(
      (tx) => createInvite(tx, { workspaceId, email: body.email, role: body.role, inviterRole: actor.role, invitedBy: actorLabel(actor) }),
      ({ invite }) => ({ action: "invite.created", targetType: "invite", targetId: invite.id, details: { email: invite.email, role: invite.role } }),
    );
    const url = `${requestOrigin(req)}/sign-up?invite=${encodeURIComponent(token)}`;
    return { ...presentInvite(invite), url, token };
  },
  { summary: "Invite an email with a role; the response holds the link, which is never shown again", body: ZCreateInvite, response: ZCreatedInvite, status: 201, roles: ADMINS },
);
