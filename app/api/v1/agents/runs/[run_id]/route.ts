import { withWorkspace } from "@/lib/api/handler";
import { ZRunParams } from "@/lib/api/params";
import { getRunOrThrow } from "@/lib/sources/get-run";
import { ZRun } from "@/lib/sources/schemas";

// GET /api/v1/agents/runs/{run_id}: a run with its messages and tool calls
export const GET = withWorkspace(({ db, workspaceId, params }) => getRunOrThrow(db, { workspaceId, runId: params.run_id }), {
  params: ZRunParams,
  response: ZRun,
});
