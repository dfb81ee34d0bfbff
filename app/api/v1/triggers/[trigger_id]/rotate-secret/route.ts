import { withWorkspace } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { rotateWebhookSecret } from "@/lib/engine/triggers";

// POST /api/v1/triggers/{trigger_id}/rotate-secret: a new webhook secret, shown in this response
export const POST = withWorkspace(({ db, workspaceId, params }) => rotateWebhookSecret(db, workspaceId, params.trigger_id), {
  params: ZTriggerParams,
  audit: ({ params }) => ({ action: "trigger.secret_rotated", targetType: "trigger", targetId: params.trigger_id }),
});
