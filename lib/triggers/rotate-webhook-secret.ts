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
