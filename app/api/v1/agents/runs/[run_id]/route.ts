import { withWorkspace } from "@/lib/api/handler";
import { ZRunParams } from "@/lib/api/params";
import { getRunOrThrow } from "@/lib/sources/get-run";
import { ZRun } from "@/lib/sources/schemas";

// GET /api/v1/agents/runs/{run_id}
export const GET = withWorkspace(({ db, workspaceId, params }) => getRunOrThrow(db, { workspaceId, runId: params.run_id }), {
  summary: "An agent run with its messages and tool calls",
  params: ZRunParams,
  response: ZRun,
});
