import { withWorkspace } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { getTriggerOrThrow } from "@/lib/triggers/get-trigger";
import { presentTrigger } from "@/lib/triggers/present-trigger";
import { updateTrigger } from "@/lib/triggers/update-trigger";
import { ZUpdateTrigger } from "@/lib/triggers/schemas";

// GET /api/v1/triggers/{trigger_id}
export const GET = withWorkspace(async ({ db, workspaceId, params }) => presentTrigger(await getTriggerOrThrow(db, { workspaceId, triggerId: params.trigger_id })), {
  params: ZTriggerParams,
});

// PATCH /api/v1/triggers/{trigger_id}: enable/disable, or change the schedule or static input
export const PATCH = withWorkspace(
  ({ workspaceId, params, body, audited }) =>
    audited(
      (tx) => updateTrigger(tx, { workspaceId, triggerId: params.trigger_id, body }),
      (t) => ({ action: "trigger.updated", targetType: "trigger", targetId: t.id, details: { changed: Object.keys(body) } }),
    ),
  { params: ZTriggerParams, body: ZUpdateTrigger },
);

// DELETE /api/v1/triggers/{trigger_id}
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      async (tx) => {
        const t = await getTriggerOrThrow(tx, { workspaceId, triggerId: params.trigger_id });
        await tx.trigger.delete({ where: { id: t.id } });
        return t;
      },
      (t) => ({ action: "trigger.deleted", targetType: "trigger", targetId: t.id, details: { kind: t.kind, automation_id: t.automationId } }),
    ),
  { params: ZTriggerParams, status: 204 },
);
