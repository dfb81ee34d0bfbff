import { withWorkspace } from "@/lib/api/handler";
import { listFlashboards } from "@/lib/flashboards/list-flashboards";
import { ZFlashboardList } from "@/lib/flashboards/responses";

// GET /api/v1/flashboards
export const GET = withWorkspace(async ({ db, workspaceId }) => ({ data: await listFlashboards(db, { workspaceId }) }), {
  summary: "Dashboards written by automations, most recently updated first",
  response: ZFlashboardList,
});
