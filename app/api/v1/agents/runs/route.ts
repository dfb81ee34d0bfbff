import { INGEST_MAX_BODY_BYTES } from "@/lib/api/body";
import { withWorkspace } from "@/lib/api/handler";
import { createRun } from "@/lib/sources/create-run";
import { listRuns } from "@/lib/sources/list-sources";
import { page } from "@/lib/pagination";
import { ZCreateRun, ZRun, ZRunListQuery, ZRunSummary } from "@/lib/sources/schemas";

// GET /api/v1/agents/runs
export const GET = withWorkspace(({ db, workspaceId, query }) => listRuns(db, { workspaceId, ...query }), {
  summary: "List agent runs, newest first",
  query: ZRunListQuery,
  response: page(ZRunSummary),
});

// POST /api/v1/agents/runs
export const POST = withWorkspace(({ db, workspaceId, body }) => createRun(db, { workspaceId, run: body }), {
  summary: "Record an agent run with its messages and tool calls",
  body: ZCreateRun,
  response: ZRun,
  status: 201,
  maxBodyBytes: INGEST_MAX_BODY_BYTES,
});
