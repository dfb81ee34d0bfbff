import { z } from "zod";
import { ApiError } from "@/lib/errors";
import { withWorkspace } from "@/lib/api/handler";
import { acceptInvite } from "@/lib/invites/accept-invite";
import { ZAcceptInvite, ZRole } from "@/lib/invites/schemas";

// POST /api/v1/invites/accept: the signed-in user joins the workspace an invite link names (the email must match)
export const POST = withWorkspace(
  async ({ db, actor, body }) => {
    if (actor.type !== "user") throw new ApiError("forbidden", "Invites are accepted by a signed-in user, not an API key");
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true } });
    const joined = await db.$transaction((tx) => acceptInvite(tx, { token: body.token, userId: actor.id, email: user.email }));
    return { workspace_id: joined.workspaceId, role: joined.role };
  },
  { body: ZAcceptInvite, response: z.object({ workspace_id: z.string(), role: ZRole }) },
);
