import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { setAutomationStatus } from "@/lib/engine/set-automation-status";
import { ZAutomationStatusChange } from "@/lib/automations/responses";

// POST /api/v1/automations/{automation_id}/pause
export const POST = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => setAutomationStatus(tx, { workspaceId, automationId: params.automation_id, status: "paused" }),
      (a) => ({ action: "automation.paused", targetType: "automation", targetId: a.id, details: { version: a.version } }),
    ),
  { summary: "Pause the automation: its triggers stop firing, runs in progress finish", params: ZAutomationParams, response: ZAutomationStatusChange },
);
