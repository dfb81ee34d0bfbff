import { withWorkspace } from "@/lib/api/handler";
import { ZFlashboardList } from "@/lib/flashboards/responses";

// GET /api/v1/flashboards
export const GET = withWorkspace(
  async ({ db, workspaceId }) => ({
    data: (await db.flashboard.findMany({ where: { workspaceId }, orderBy: { updatedAt: "desc" }, take: 200 })).map((f) => ({
      id: f.id,
      title: f.title,
      automation_id: f.automationId,
      run_id: f.runId,
      url: `/flashboards/${f.id}`,
      updated_at: f.updatedAt.toISOString(),
    })),
  }),
  { summary: "Dashboards written by automations, most recently updated first", response: ZFlashboardList },
);
