import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { withWorkspace } from "@/lib/api/handler";
import { acceptInviteAsUser } from "@/lib/invites/accept-invite-as-user";
import { ZAcceptInvite, ZRole } from "@/lib/invites/schemas";

// POST /api/v1/invites/accept
export const POST = withWorkspace(
  async ({ db, actor, body }) => {
    if (actor.type !== "user") throw new ApiError("forbidden", "Invites are accepted by a signed-in user, not an API key");
    const joined = await acceptInviteAsUser(db, { token: body.token, userId: actor.id });
    return { workspace_id: joined.workspaceId, role: joined.role };
  },
  { summary: "Join the workspace an invite link names, as the signed-in user (the email must match)", body: ZAcceptInvite, response: z.object({ workspace_id: z.string(), role: ZRole }) },
);
