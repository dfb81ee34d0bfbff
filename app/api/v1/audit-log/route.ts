import { withWorkspace } from "@/lib/api/handler";
import { listAudit, ZAuditPage, ZAuditQuery } from "@/lib/audit/audit";

// GET /api/v1/audit-log
export const GET = withWorkspace(({ db, workspaceId, query }) => listAudit(db, workspaceId, query), {
  summary: "Who changed what, newest first (filter by target_id or action)",
  query: ZAuditQuery,
  response: ZAuditPage,
});
