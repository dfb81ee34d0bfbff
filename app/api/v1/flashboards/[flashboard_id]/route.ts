import { withWorkspace } from "@/lib/api/handler";
import { ZFlashboardParams } from "@/lib/api/params";
import { getFlashboard } from "@/lib/flashboards/get-flashboard";
import { ZFlashboard } from "@/lib/flashboards/responses";

// GET /api/v1/flashboards/{flashboard_id}
export const GET = withWorkspace(
  ({ db, workspaceId, params }) => getFlashboard(db, { workspaceId, flashboardId: params.flashboard_id }),
  { summary: "A flashboard's charts and tables, with their data", params: ZFlashboardParams, response: ZFlashboard },
);
