import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationRunParams } from "@/lib/api/params";
import { getRunOrThrow } from "@/lib/runs/get-run";

// GET /api/v1/runs/{run_id}: the run with every step's status, inputs, output, error and timings
export const GET = withWorkspace(({ db, workspaceId, params }) => getRunOrThrow(db, { workspaceId, runId: params.run_id }), { params: ZAutomationRunParams });
