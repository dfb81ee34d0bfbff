import { ApiError } from "../errors";
import type { Trigger } from "../generated/prisma/client";
import type { Db } from "../db";
import { takeToken } from "../security/rate-limit";
import { openSecret } from "../security/secrets";
import { startRun } from "../runs/start-run";
import { watchRun, type RunWatch } from "../runs/await-run-settled";
import type { WebhookAccepted } from "./responses";
import { triggerRunInput } from "./trigger-input";
import { verifyWebhookSignature, type SignatureCheck } from "./webhook-signature";

/**
 * A signed delivery starts one run. The same signed request again (a replay, or a sender's retry
 * after a lost response) starts nothing and answers with the run the first one started: the
 * signature is recorded with the run, in the statement that writes it. With `waitMs`, the answer waits (that
 * long at most) for the run to end or park at an approval and carries its status and output: a
 * synchronous webhook.
 */
export async function receiveWebhook(db: Db, { triggerId, rawBody, signature, waitMs = 0 }: { triggerId: string; rawBody: string; signature: string | null; waitMs?: number }): Promise<WebhookAccepted> {
  // With its automation's state, in one round trip: the hot path of every delivery.
  const [t] = await db.$queryRaw<(Trigger & { automation: { status: string; liveVersion: number | null } })[]>`
    SELECT t.*, json_build_object('status', a.status, 'liveVersion', a."liveVersion") AS automation
      FROM "trigger" t JOIN automation a ON a.id = t."automationId" WHERE t.id = ${triggerId}`;
  // Unknown ids and failed signatures answer alike, so ids cannot be probed.
  const check: SignatureCheck = !t || t.kind !== "webhook" || !t.secret ? { ok: false, problem: "unknown webhook" } : verifyWebhookSignature(openSecret(t.secret), signature, rawBody);
  if (!check.ok || !t) {
    // Failures have their own budget, so an unsigned flood cannot spend the one signed deliveries use.
    await takeToken("webhook_failure", t ? t.id : "unknown");
    throw new ApiError("unauthorized", `Webhook refused: ${check.ok ? "unknown webhook" : check.problem}`);
  }
  if (!t.enabled) throw new ApiError("conflict", "This webhook trigger is disabled");
  const delivery = { triggerId: t.id, signature: check.digest };
  await takeToken("webhook", t.id);
  let payload: unknown = {};
  if (rawBody.trim()) {
    try {
      payload = JSON.parse(rawBody);
    } catch {
      throw new ApiError("validation_error", "body: is not valid JSON", { field: "body" });
    }
  }
  // Watched before anything can execute the run, so one that ends at once is still seen.
  let watch: RunWatch | undefined;
  const runId = await startRun(db, {
    workspaceId: t.workspaceId,
    automationId: t.automationId,
    trigger: "webhook",
    triggerId: t.id,
    input: triggerRunInput(t, payload),
    requireActive: true,
    automation: t.automation,
    delivery,
    beforeStart: (id) => {
      if (waitMs > 0) watch = watchRun(id);
    },
  }).catch(async (err) => {
    // The same delivery came before (a replay, a retry), or raced this one and won: its
    // signature is taken, so answer with its run. Found here rather than looked up first, as
    // nearly every delivery is new.
    const seen = await db.webhookDelivery.findUnique({ where: { triggerId_signature: delivery } });
    if (seen) return { replayOf: seen.runId };
    throw err;
  });
  if (typeof runId !== "string") return { run_id: runId.replayOf, replayed: true };
  const settled = await watch?.settled(db, waitMs);
  if (!settled) return { run_id: runId, replayed: false };
  return { run_id: runId, replayed: false, status: settled.status, output: settled.output, error: settled.error };
}
