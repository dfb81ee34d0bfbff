import { withWorkspace } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { getTriggerOrThrow, presentTrigger, updateTrigger, ZUpdateTrigger } from "@/lib/engine/triggers";

// GET /api/v1/triggers/{trigger_id}
export const GET = withWorkspace(async ({ db, workspaceId, params }) => presentTrigger(await getTriggerOrThrow(db, workspaceId, params.trigger_id)), {
  params: ZTriggerParams,
});

// PATCH /api/v1/triggers/{trigger_id}: enable/disable, or change the schedule or static input
export const PATCH = withWorkspace(({ db, workspaceId, params, body }) => updateTrigger(db, workspaceId, params.trigger_id, body), {
  params: ZTriggerParams,
  body: ZUpdateTrigger,
  audit: ({ params, body }) => ({ action: "trigger.updated", targetType: "trigger", targetId: params.trigger_id, details: { changed: Object.keys(body) } }),
});

// DELETE /api/v1/triggers/{trigger_id}
export const DELETE = withWorkspace(
  async ({ db, workspaceId, params }) => {
    const t = await getTriggerOrThrow(db, workspaceId, params.trigger_id);
    await db.trigger.delete({ where: { id: t.id } });
  },
  { params: ZTriggerParams, status: 204, audit: ({ params }) => ({ action: "trigger.deleted", targetType: "trigger", targetId: params.trigger_id }) },
);
