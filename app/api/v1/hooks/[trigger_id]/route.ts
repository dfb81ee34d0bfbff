import { withPublic } from "@/lib/api/handler";
import { ZTriggerParams } from "@/lib/api/params";
import { receiveWebhook } from "@/lib/triggers/receive-webhook";
import { SIGNATURE_HEADER } from "@/lib/triggers/webhook-signature";

// POST /api/v1/hooks/{trigger_id}: signed with X-Crystallize-Signature (see docs/api.md); the JSON
// payload becomes the run's input. The signature is checked before the trigger's rate budget is
// spent, so only signed deliveries count against it.
export const POST = withPublic(
  ({ req, db, params, rawBody }) => receiveWebhook(db, { triggerId: params.trigger_id, rawBody, signature: req.headers.get(SIGNATURE_HEADER) }),
  { params: ZTriggerParams, status: 202 },
);
