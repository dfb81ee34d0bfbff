import { z } from "zod";
import { withWorkspace } from "@/lib/api/handler";
import { getWorkspace } from "@/lib/workspaces/get-workspace";

// GET /api/v1/me: who is calling, and in which workspace
export const GET = withWorkspace(
  async ({ db, workspaceId, actor }) => {
    const workspace = await getWorkspace(db, { workspaceId });
    return { workspace: { id: workspace.id, name: workspace.name }, actor: { type: actor.type, id: actor.id, role: actor.role } };
  },
  {
    response: z.object({
      workspace: z.object({ id: z.string(), name: z.string() }),
      actor: z.object({ type: z.enum(["user", "key"]), id: z.string(), role: z.string() }),
    }),
  },
);
