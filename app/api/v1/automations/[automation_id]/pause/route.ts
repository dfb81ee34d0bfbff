import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { setAutomationStatus } from "@/lib/engine/activation";

// POST /api/v1/automations/{automation_id}/pause: triggers stop firing; runs in progress finish
export const POST = withWorkspace(
  ({ db, workspaceId, params }) => setAutomationStatus(db, { workspaceId, automationId: params.automation_id, status: "paused" }),
  { params: ZAutomationParams, audit: ({ params }) => ({ action: "automation.paused", targetType: "automation", targetId: params.automation_id }) },
);
