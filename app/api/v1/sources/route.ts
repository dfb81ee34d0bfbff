import { withWorkspace } from "@/lib/api/handler";
import { listSources } from "@/lib/sources/list-sources";
import { page } from "@/lib/pagination";
import { ZSourceListQuery, ZSourceSummary } from "@/lib/sources/schemas";

// GET /api/v1/sources
export const GET = withWorkspace(({ db, workspaceId, query }) => listSources(db, { workspaceId, ...query }), {
  summary: "Agent runs and chat threads in one list, newest first",
  query: ZSourceListQuery,
  response: page(ZSourceSummary),
});
