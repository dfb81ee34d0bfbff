import { withWorkspace } from "@/lib/api/handler";
import { ZWorkspaceList } from "@/lib/workspaces/responses";

// GET /api/v1/workspaces
export const GET = withWorkspace(
  async ({ db, workspaceId, actor }) => {
    const memberships =
      actor.type === "user"
        ? await db.membership.findMany({ where: { userId: actor.id }, include: { workspace: true }, orderBy: { createdAt: "asc" } })
        : [];
    const data =
      actor.type === "user"
        ? memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role, current: m.workspaceId === workspaceId }))
        : [{ ...(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, name: true } })), role: actor.role, current: true }];
    return { data };
  },
  { summary: "The workspaces the signed-in user can open (an API key sees its own)", response: ZWorkspaceList },
);
