import { z } from "zod";
import { withWorkspace } from "@/lib/api/handler";
import { listMembers, ZMember } from "@/lib/members/list-members";

// GET /api/v1/members
export const GET = withWorkspace(async ({ db, workspaceId }) => ({ data: await listMembers(db, workspaceId) }), {
  summary: "Who is in the workspace, with their roles",
  response: z.object({ data: z.array(ZMember) }),
});
