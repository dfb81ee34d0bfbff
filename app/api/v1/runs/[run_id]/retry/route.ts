import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationRunParams } from "@/lib/api/params";
import { retryRun } from "@/lib/runs/retry-run";
import { ZRunDetail } from "@/lib/runs/responses";

// POST /api/v1/runs/{run_id}/retry
export const POST = withWorkspace(({ db, workspaceId, params }) => retryRun(db, { workspaceId, runId: params.run_id }), {
  summary: "Retry a failed or canceled run: a new run from the failed step, reusing what succeeded",
  params: ZAutomationRunParams,
  response: ZRunDetail,
  status: 201,
});
