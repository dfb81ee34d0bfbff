import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationRunParams } from "@/lib/api/params";
import { getRunOrThrow } from "@/lib/runs/get-run";
import { ZRunDetail } from "@/lib/runs/responses";

// GET /api/v1/runs/{run_id}
export const GET = withWorkspace(({ db, workspaceId, params }) => getRunOrThrow(db, { workspaceId, runId: params.run_id }), {
  summary: "An automation run with every step's status, inputs, output, error and timings",
  params: ZAutomationRunParams,
  response: ZRunDetail,
});
