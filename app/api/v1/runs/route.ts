import { withWorkspace } from "@/lib/api/handler";
import { listRuns } from "@/lib/runs/list-runs";
import { ZRunListQuery } from "@/lib/runs/schemas";

// GET /api/v1/runs: automation runs across the workspace, newest first
export const GET = withWorkspace(({ db, workspaceId, query }) => listRuns(db, { workspaceId, ...query, automationId: query.automation_id }), {
  query: ZRunListQuery,
});
