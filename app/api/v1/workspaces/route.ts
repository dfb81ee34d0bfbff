import { withWorkspace } from "@/lib/api/handler";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";
import { ZWorkspaceList } from "@/lib/workspaces/responses";

// GET /api/v1/workspaces
export const GET = withWorkspace(async ({ db, workspaceId, actor }) => ({ data: await listWorkspaces(db, { workspaceId, actor }) }), {
  summary: "The workspaces the signed-in user can open (an API key sees its own)",
  response: ZWorkspaceList,
});
