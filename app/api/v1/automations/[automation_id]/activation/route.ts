import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { activationBlockers } from "@/lib/engine/activation-blockers";
import { loadCurrentDefinition } from "@/lib/automations/load-current-definition";
import { ZActivationCheck } from "@/lib/automations/responses";

// GET /api/v1/automations/{automation_id}/activation
export const GET = withWorkspace(
  async ({ db, workspaceId, params }) => {
    const { definition } = await loadCurrentDefinition(db, { workspaceId, automationId: params.automation_id });
    const blockers = await activationBlockers(db, { workspaceId, definition });
    return { can_activate: blockers.length === 0, blockers };
  },
  { summary: "What would block activating the automation now", params: ZAutomationParams, response: ZActivationCheck },
);
