import { withWorkspace } from "@/lib/api/handler";
import { ZMe } from "@/lib/workspaces/responses";
import { getWorkspace } from "@/lib/workspaces/get-workspace";

// GET /api/v1/me
export const GET = withWorkspace(
  async ({ db, workspaceId, actor }) => {
    const workspace = await getWorkspace(db, { workspaceId });
    return { workspace: { id: workspace.id, name: workspace.name }, actor: { type: actor.type, id: actor.id, role: actor.role } };
  },
  { summary: "Who is calling, and in which workspace", response: ZMe },
);
