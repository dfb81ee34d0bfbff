import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { page } from "@/lib/pagination";
import { createAutomation } from "@/lib/automations/create-automation";
import { listAutomations } from "@/lib/automations/get-automation";
import { ZAutomation, ZAutomationListQuery, ZAutomationSummary, ZCreateAutomation } from "@/lib/automations/schemas";

// GET /api/v1/automations
export const GET = withWorkspace(({ db, workspaceId, query }) => listAutomations(db, { workspaceId, ...query }), {
  summary: "List automations, filtered by source_type and status",
  query: ZAutomationListQuery,
  response: page(ZAutomationSummary),
});

// POST /api/v1/automations
export const POST = withWorkspace(
  ({ workspaceId, actor, body, audited }) =>
    audited(
      (tx) => createAutomation(tx, { workspaceId, ...body, author: actorLabel(actor) }),
      (a) => ({ action: "automation.created", targetType: "automation", targetId: a.id, details: { name: a.name } }),
    ),
  { summary: "Create a MANUAL automation (version 1)", body: ZCreateAutomation, response: ZAutomation, status: 201 },
);
