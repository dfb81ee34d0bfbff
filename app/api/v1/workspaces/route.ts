import { withWorkspace } from "@/lib/api/handler";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";

// GET /api/v1/workspaces: the workspaces the signed-in user can open (an API key sees its own)
export const GET = withWorkspace(async ({ db, workspaceId, actor }) => ({ data: await listWorkspaces(db, { workspaceId, actor }) }));
