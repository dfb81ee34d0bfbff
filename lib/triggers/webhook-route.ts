import { z } from "zod";
import { withPublic } from "../api/handler";
import { ZTriggerParams } from "../api/params";
import { receiveWebhook } from "./receive-webhook";
import { SIGNATURE_HEADER } from "./webhook-signature";
import { ZWebhookAccepted } from "./responses";

// The signature is optional here and checked by receiveWebhook: a missing one must answer like a
// wrong one or an unknown trigger (a 401 counted against the failure budget), so ids cannot be probed.
const ZWebhookHeaders = z.object({
  [SIGNATURE_HEADER]: z.string().optional().describe("t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${raw body}` keyed by the trigger's secret>"),
});

const ZWebhookQuery = z.object({
  wait: z.coerce
    .number()
    .min(0)
    .max(30)
    .optional()
    .describe("seconds (at most 30) to hold the answer until the run ends or parks at an approval: then 200 with its status and output; 202 if it has not by then"),
});

// POST /api/v1/hooks/{trigger_id}: the Next route re-exports this, and the webhook listener
// (lib/bootstrap/fast-routes.ts) calls it directly, so both answer alike.
// The signature is checked before the trigger's rate budget is spent, so only signed deliveries
// count against it.
export const deliverWebhook = withPublic(
  async ({ db, params, query, headers, rawBody }) => {
    const accepted = await receiveWebhook(db, { triggerId: params.trigger_id, rawBody, signature: headers[SIGNATURE_HEADER] ?? null, waitMs: (query.wait ?? 0) * 1000 });
    return Response.json(ZWebhookAccepted.parse(accepted), { status: accepted.status ? 200 : 202 });
  },
  {
    summary: "Deliver a signed webhook (see docs/api.md): its JSON payload becomes the run's input",
    params: ZTriggerParams,
    query: ZWebhookQuery,
    headers: ZWebhookHeaders,
    response: ZWebhookAccepted,
    status: 202,
  },
);
