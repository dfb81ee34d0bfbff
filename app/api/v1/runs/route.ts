import { withWorkspace } from "@/lib/api/handler";
import { listRuns } from "@/lib/runs/list-runs";
import { ZRunListQuery } from "@/lib/runs/schemas";
import { ZRunPage } from "@/lib/runs/responses";

// GET /api/v1/runs
export const GET = withWorkspace(({ db, workspaceId, query }) => listRuns(db, { workspaceId, ...query, automationId: query.automation_id }), {
  summary: "Automation runs across the workspace, newest first",
  query: ZRunListQuery,
  response: ZRunPage,
});
