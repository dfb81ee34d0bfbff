import { withWorkspace } from "@/lib/api/handler";
import { ZFlashboardParams } from "@/lib/api/params";
import { getFlashboard } from "@/lib/flashboards/get-flashboard";

// GET /api/v1/flashboards/{flashboard_id}: the charts and tables, with their data
export const GET = withWorkspace(
  ({ db, workspaceId, params }) => getFlashboard(db, { workspaceId, flashboardId: params.flashboard_id }),
  { params: ZFlashboardParams },
);
