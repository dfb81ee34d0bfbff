import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { createTrigger } from "@/lib/triggers/create-trigger";
import { listTriggers } from "@/lib/triggers/list-triggers";
import { ZCreateTrigger } from "@/lib/triggers/schemas";
import { ZTrigger, ZTriggerList } from "@/lib/triggers/responses";

// GET /api/v1/automations/{automation_id}/triggers
export const GET = withWorkspace(
  async ({ db, workspaceId, params }) => ({ data: await listTriggers(db, { workspaceId, automationId: params.automation_id }) }),
  { summary: "The automation's triggers, oldest first", params: ZAutomationParams, response: ZTriggerList },
);

// POST /api/v1/automations/{automation_id}/triggers
export const POST = withWorkspace(
  ({ workspaceId, params, body, audited }) =>
    audited(
      (tx) => createTrigger(tx, { workspaceId, automationId: params.automation_id, body }),
      (t) => ({ action: "trigger.created", targetType: "trigger", targetId: t.id, details: { kind: t.kind, automation_id: params.automation_id } }),
    ),
  { summary: "Add a schedule, webhook or event trigger; a webhook's secret is shown in this response only", params: ZAutomationParams, body: ZCreateTrigger, response: ZTrigger, status: 201 },
);
