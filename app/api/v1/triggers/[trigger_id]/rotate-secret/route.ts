import { withWorkspace } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { rotateWebhookSecret } from "@/lib/triggers/rotate-webhook-secret";

// POST /api/v1/triggers/{trigger_id}/rotate-secret: a new webhook secret, shown in this response
export const POST = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => rotateWebhookSecret(tx, { workspaceId, triggerId: params.trigger_id }),
      (t) => ({ action: "trigger.secret_rotated", targetType: "trigger", targetId: t.id }),
    ),
  { params: ZTriggerParams },
);
