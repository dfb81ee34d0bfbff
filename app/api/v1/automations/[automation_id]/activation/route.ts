import { withWorkspace } from "@/lib/api/handler";
import { ZAutomationParams } from "@/lib/api/params";
import { activationBlockers } from "@/lib/engine/activation-blockers";
import { loadCurrentDefinition } from "@/lib/automations/load-current-definition";

// GET /api/v1/automations/{automation_id}/activation: what would block activation now
export const GET = withWorkspace(
  async ({ db, workspaceId, params }) => {
    const { definition } = await loadCurrentDefinition(db, { workspaceId, automationId: params.automation_id });
    const blockers = await activationBlockers(db, { workspaceId, definition });
    return { can_activate: blockers.length === 0, blockers };
  },
  { params: ZAutomationParams },
);
