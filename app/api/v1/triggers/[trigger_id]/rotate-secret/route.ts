import { withWorkspace } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { rotateWebhookSecret } from "@/lib/triggers/rotate-webhook-secret";
import { ZTrigger } from "@/lib/triggers/responses";

// POST /api/v1/triggers/{trigger_id}/rotate-secret
export const POST = withWorkspace(
  ({ workspaceId, params, audited }) =>
    audited(
      (tx) => rotateWebhookSecret(tx, { workspaceId, triggerId: params.trigger_id }),
      (t) => ({ action: "trigger.secret_rotated", targetType: "trigger", targetId: t.id }),
    ),
  { summary: "Give a webhook trigger a new secret, shown in this response only; the old one stops working", params: ZTriggerParams, response: ZTrigger },
);
