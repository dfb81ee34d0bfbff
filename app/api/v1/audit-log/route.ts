import { z } from "zod";
import { withWorkspace } from "@/lib/api/handler";
import { listAudit, ZAuditEvent, ZAuditQuery } from "@/lib/audit/audit";

// GET /api/v1/audit-log: who changed what, newest first (filter by target_id or action)
export const GET = withWorkspace(({ db, workspaceId, query }) => listAudit(db, workspaceId, query), {
  query: ZAuditQuery,
  response: z.object({ data: z.array(ZAuditEvent), next_cursor: z.string().nullable() }),
});
