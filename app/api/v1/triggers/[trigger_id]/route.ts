import { withWorkspace } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { deleteTrigger } from "@/lib/triggers/delete-trigger";
import { getTriggerOrThrow } from "@/lib/triggers/get-trigger";
import { presentTrigger } from "@/lib/triggers/present-trigger";
import { updateTrigger } from "@/lib/triggers/update-trigger";
import { ZUpdateTrigger } from "@/lib/triggers/schemas";
import { ZTrigger } from "@/lib/triggers/responses";

// GET /api/v1/triggers/{trigger_id}
export const GET = withWorkspace(async ({ db, workspaceId, params }) => presentTrigger(await getTriggerOrThrow(db, { workspaceId, triggerId: params.trigger_id })), {
  summary: "A trigger: its schedule and next fire times, webhook URL or event name",
  params: ZTriggerParams,
  response: ZTrigger,
});

// PATCH /api/v1/triggers/{trigger_id}
export const PATCH = withWorkspace(
  ({ workspaceId, params, body, audited }) =>
    audited(
      (tx) => updateTrigger(tx, { workspaceId, triggerId: params.trigger_id, body }),
      (t) => ({ action: "trigger.updated", targetType: "trigger", targetId: t.id, details: { changed: Object.keys(body) } }),
    ),
  { summary: "Enable or disable a trigger, or change its schedule or static input", params: ZTriggerParams, body: ZUpdateTrigger, response: ZTrigger },
);

// DELETE /api/v1/triggers/{trigger_id}
export const DELETE = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => deleteTrigger(tx, { workspaceId, triggerId: params.trigger_id }),
      (t) => ({ action: "trigger.deleted", targetType: "trigger", targetId: t.id, details: { kind: t.kind, automation_id: t.automationId } }),
    ),
  { summary: "Delete a trigger", params: ZTriggerParams, status: 204 },
);
