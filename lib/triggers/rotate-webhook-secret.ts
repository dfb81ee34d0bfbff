import { ApiError } from "../errors";
import type { DbClient } from "../db";
import { sealSecret } from "../security/secrets";
import { newWebhookSecret } from "./webhook-signature";
import { presentTrigger } from "./present-trigger";
import { getTriggerOrThrow } from "./get-trigger";

export async function rotateWebhookSecret(db: DbClient, { workspaceId, triggerId }: { workspaceId: string; triggerId: string }) {
  const t = await getTriggerOrThrow(db, { workspaceId, triggerId });
  if (t.kind !== "webhook") throw new ApiError("validation_error", "Only webhook triggers have a secret", { field: "trigger_id" });
  const secret = newWebhookSecret();
  return presentTrigger(await db.trigger.update({ where: { id: t.id }, data: { secret: sealSecret(secret) } }), { secret });
}

/**
 * Fires every schedule that is due at `now`. A fire missed by more than the trigger's catch-up
 * window (the server was down) is dropped; otherwise it fires once, however many were missed. A
 * schedule whose previous run is still going is skipped unless it allows overlap. Rows are taken
 * with SKIP LOCKED, so workers ticking at once never fire one schedule twice.
 */
