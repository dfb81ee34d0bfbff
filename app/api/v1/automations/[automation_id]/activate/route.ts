import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { setAutomationStatus } from "@/lib/engine/set-automation-status";
import { ZActivateBody } from "@/lib/automations/schemas";
import { ZAutomationStatusChange } from "@/lib/automations/responses";

// POST /api/v1/automations/{automation_id}/activate
export const POST = withWorkspace(
  ({ workspaceId, params, body, audited }) =>
    audited(
      (tx) => setAutomationStatus(tx, { workspaceId, automationId: params.automation_id, status: "active", force: body.force }),
      (a) => ({ action: "automation.activated", targetType: "automation", targetId: a.id, details: { version: a.version, forced: !!body.force } }),
    ),
  { summary: "Switch the automation's triggers on; a 422 lists what blocks it", params: ZAutomationParams, body: ZActivateBody, response: ZAutomationStatusChange },
);
