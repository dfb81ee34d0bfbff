import { withWorkspace } from "@/lib/api/handler";
import { listFlashboards } from "@/lib/flashboards/list-flashboards";

// GET /api/v1/flashboards: dashboards written by automations, most recently updated first
export const GET = withWorkspace(async ({ db, workspaceId }) => ({ data: await listFlashboards(db, { workspaceId }) }));
