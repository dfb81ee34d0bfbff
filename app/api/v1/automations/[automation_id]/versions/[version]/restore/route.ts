import { actorLabel } from "@/lib/auth/actor";
import { withWorkspace } from "@/lib/api/handler";
import { ZVersionParams } from "@/lib/api/params";
import { ZAutomation, ZRestoreVersion } from "@/lib/automations/schemas";
import { restoreVersion } from "@/lib/automations/versions";

// POST /api/v1/automations/{automation_id}/versions/{version}/restore
export const POST = withWorkspace(
  ({ db, workspaceId, actor, params, body, audit }) =>
    restoreVersion(db, {
      alsoInTx: (tx, s) =>
        audit(tx, { action: "automation.version_restored", targetType: "automation", targetId: params.automation_id, details: { restored: params.version, version: s.version } }),
      workspaceId,
      automationId: params.automation_id,
      version: params.version,
      baseVersion: body.base_version,
      message: body.message,
      author: actorLabel(actor),
    }),
  { summary: "Save that version again as the automation's newest", params: ZVersionParams, body: ZRestoreVersion, response: ZAutomation, status: 201 },
);
