import { z } from "zod";
import { loadCurrentDefinition } from "../automations/load-current-definition";
import { checkTriggerInput } from "./trigger-input";
import type { DbClient } from "../db";
import { newId } from "../ids";
import { sealSecret } from "../security/secrets";
import { ZCreateTrigger } from "./schemas";
import { nextFireTimes } from "./next-fire-times";
import { newWebhookSecret } from "./webhook-signature";
import { presentTrigger } from "./present-trigger";

export async function createTrigger(db: DbClient, { workspaceId, automationId, body }: { workspaceId: string; automationId: string; body: z.output<typeof ZCreateTrigger> }) {
  const { definition } = await loadCurrentDefinition(db, { workspaceId, automationId });
  const payloadParameter = body.kind === "schedule" ? null : (body.payload_parameter ?? null);
  checkTriggerInput(definition, { input: body.input, payloadParameter });
  const common = { id: newId("trg"), workspaceId, automationId, kind: body.kind, enabled: body.enabled, input: body.input as object, payloadParameter };
  let data;
  let secret: string | undefined;
  if (body.kind === "schedule") {
    const [next] = nextFireTimes(body.cron, body.timezone, new Date(), 1);
    data = { ...common, cron: body.cron, timezone: body.timezone, catchUpSeconds: body.catch_up_seconds, allowOverlap: body.allow_overlap, nextFireAt: next };
  } else if (body.kind === "webhook") {
    secret = newWebhookSecret();
    data = { ...common, secret: sealSecret(secret) };
  } else {
    data = { ...common, eventName: body.event_name };
  }
  return presentTrigger(await db.trigger.create({ data }), { secret });
}
