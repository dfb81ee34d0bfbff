import { ApiError } from "@/lib/errors";
import { withWorkspace } from "@/lib/api/handler";
import { ZFlashboardParams } from "@/lib/api/params";

// GET /api/v1/flashboards/{flashboard_id}: the charts and tables, with their data
export const GET = withWorkspace(
  async ({ db, workspaceId, params }) => {
    const f = await db.flashboard.findFirst({ where: { id: params.flashboard_id, workspaceId } });
    if (!f) throw new ApiError("not_found", `Flashboard ${params.flashboard_id} not found`);
    return { id: f.id, title: f.title, charts: f.charts, tables: f.tables, automation_id: f.automationId, run_id: f.runId, updated_at: f.updatedAt.toISOString() };
  },
  { params: ZFlashboardParams },
);
