import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { setAutomationStatus } from "@/lib/engine/activation";
import { ZActivateBody } from "@/lib/engine/schemas";

// POST /api/v1/automations/{automation_id}/activate: switch triggers on; 422 lists what blocks it
export const POST = withWorkspace(
  ({ db, workspaceId, params, body }) => setAutomationStatus(db, { workspaceId, automationId: params.automation_id, status: "active", force: body.force }),
  {
    params: ZAutomationParams,
    body: ZActivateBody,
    audit: ({ params, body }) => ({ action: "automation.activated", targetType: "automation", targetId: params.automation_id, details: { forced: !!body.force } }),
  },
);
