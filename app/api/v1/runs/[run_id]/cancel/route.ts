import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationRunParams } from "@/lib/api/params";
import { cancelRun } from "@/lib/runs/cancel-run";
import { ZRunDetail } from "@/lib/runs/responses";

// POST /api/v1/runs/{run_id}/cancel
export const POST = withWorkspace(({ db, workspaceId, params }) => cancelRun(db, { workspaceId, runId: params.run_id }), {
  summary: "Cancel a run that has not ended: its steps stop, its open gates close",
  params: ZAutomationRunParams,
  response: ZRunDetail,
});
