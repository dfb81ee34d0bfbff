import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { loadCurrentDefinition } from "@/lib/automations/load-current-definition";
import { createTrigger } from "@/lib/triggers/create-trigger";
import { presentTrigger } from "@/lib/triggers/present-trigger";
import { ZCreateTrigger } from "@/lib/triggers/schemas";

// GET /api/v1/automations/{automation_id}/triggers
export const GET = withWorkspace(
  async ({ db, workspaceId, params }) => {
    await loadCurrentDefinition(db, { workspaceId, automationId: params.automation_id });
    const rows = await db.trigger.findMany({ where: { workspaceId, automationId: params.automation_id }, orderBy: { createdAt: "asc" } });
    return { data: rows.map((t) => presentTrigger(t)) };
  },
  { params: ZAutomationParams },
);

// POST /api/v1/automations/{automation_id}/triggers: a schedule, webhook or event trigger
export const POST = withWorkspace(
  ({ workspaceId, params, body, audited }) =>
    audited(
      (tx) => createTrigger(tx, { workspaceId, automationId: params.automation_id, body }),
      (t) => ({ action: "trigger.created", targetType: "trigger", targetId: t.id, details: { kind: t.kind, automation_id: params.automation_id } }),
    ),
  { params: ZAutomationParams, body: ZCreateTrigger, status: 201 },
);
