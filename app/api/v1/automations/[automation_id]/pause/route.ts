import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { setAutomationStatus } from "@/lib/engine/set-automation-status";

// POST /api/v1/automations/{automation_id}/pause: triggers stop firing; runs in progress finish
export const POST = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => setAutomationStatus(tx, { workspaceId, automationId: params.automation_id, status: "paused" }),
      (a) => ({ action: "automation.paused", targetType: "automation", targetId: a.id, details: { version: a.version } }),
    ),
  { params: ZAutomationParams },
);
