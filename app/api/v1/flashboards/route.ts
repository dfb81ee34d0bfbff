import { withWorkspace } from "@/lib/api/handler";

// GET /api/v1/flashboards: dashboards written by automations, most recently updated first
export const GET = withWorkspace(async ({ db, workspaceId }) => ({
  data: (await db.flashboard.findMany({ where: { workspaceId }, orderBy: { updatedAt: "desc" }, take: 200 })).map((f) => ({
    id: f.id,
    title: f.title,
    automation_id: f.automationId,
    run_id: f.runId,
    url: `/flashboards/${f.id}`,
    updated_at: f.updatedAt.toISOString(),
  })),
}));
