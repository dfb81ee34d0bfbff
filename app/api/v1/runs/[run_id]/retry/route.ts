import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationRunParams } from "@/lib/api/params";
import { retryRun } from "@/lib/runs/retry-run";

// POST /api/v1/runs/{run_id}/retry: a new run from the failed step, reusing what succeeded
export const POST = withWorkspace(({ db, workspaceId, params }) => retryRun(db, { workspaceId, runId: params.run_id }), { params: ZAutomationRunParams, status: 201 });
