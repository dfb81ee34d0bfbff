import { createHmac, timingSafeEqual } from "node:crypto";
import { CronExpressionParser } from "cron-parser";
import cronstrue from "cronstrue";
import { z } from "zod";
import { ApiError } from "../errors";
import { config } from "../config";
import type { Db, DbClient } from "../db";
import type { Trigger } from "../generated/prisma/client";
import { newId, randomToken } from "../ids";
import { takeToken } from "../security/rate-limit";
import { openSecret, sealSecret } from "../security/secrets";
import { wakeWorkers } from "./queue/queue";
import { createRunInTx, startRun } from "../runs/start-run";
import { loadCurrentDefinition } from "../automations/load-current-definition";

// Schedules, webhooks and events: what starts an active automation without anyone pressing Run.

const ZInput = z.record(z.string(), z.unknown()).default({});
export const ZCreateTrigger = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("schedule"),
    cron: z.string().trim().min(9).max(120),
    timezone: z.string().max(64).default("UTC"),
    catch_up_seconds: z.number().int().min(0).max(7 * 86400).default(3600),
    allow_overlap: z.boolean().default(false),
    input: ZInput,
    enabled: z.boolean().default(true),
  }),
  z.object({ kind: z.literal("webhook"), input: ZInput, enabled: z.boolean().default(true) }),
  z.object({
    kind: z.literal("event"),
    event_name: z.string().trim().min(1).max(200).regex(/^[\w.:-]+$/, "letters, digits and . _ : - only"),
    input: ZInput,
    enabled: z.boolean().default(true),
  }),
]);
export const ZUpdateTrigger = z.object({
  enabled: z.boolean().optional(),
  cron: z.string().trim().min(9).max(120).optional(),
  timezone: z.string().max(64).optional(),
  catch_up_seconds: z.number().int().min(0).max(7 * 86400).optional(),
  allow_overlap: z.boolean().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});

/** The next `count` fire times of a 5-field cron in an IANA zone; a 422 names what is wrong. */
export function nextFireTimes(cron: string, timezone: string, after: Date, count: number, where = "body"): Date[] {
  if (cron.split(/\s+/).length !== 5) throw new ApiError("validation_error", `${where}.cron: use 5 fields: minute hour day-of-month month day-of-week`, { field: `${where}.cron` });
  if (!isTimezone(timezone)) throw new ApiError("validation_error", `${where}.timezone: "${timezone}" is not an IANA time zone`, { field: `${where}.timezone` });
  try {
    const it = CronExpressionParser.parse(cron, { currentDate: after, tz: timezone });
    return Array.from({ length: count }, () => it.next().toDate());
  } catch (err) {
    throw new ApiError("validation_error", `${where}.cron: ${(err as Error).message}`, { field: `${where}.cron` });
  }
}

function isTimezone(tz: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function describeCron(cron: string) {
  try {
    return cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return cron;
  }
}

export const webhookUrl = (id: string) => `${config.baseUrl.replace(/\/$/, "")}/api/v1/hooks/${id}`;
export const SIGNATURE_HEADER = "x-crystallize-signature";

const newWebhookSecret = () => `whsec_${randomToken(32)}`;

export function presentTrigger(t: Trigger, opts: { secret?: string } = {}) {
  const base = {
    id: t.id,
    automation_id: t.automationId,
    kind: t.kind,
    enabled: t.enabled,
    input: t.input,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
  if (t.kind === "schedule") {
    const tz = t.timezone ?? "UTC";
    return {
      ...base,
      cron: t.cron,
      timezone: tz,
      description: `${describeCron(t.cron!)} (${tz})`,
      next_fire_times: nextFireTimes(t.cron!, tz, new Date(), 5).map((d) => d.toISOString()),
      catch_up_seconds: t.catchUpSeconds,
      allow_overlap: t.allowOverlap,
      last_fired_at: t.lastFiredAt?.toISOString() ?? null,
    };
  }
  if (t.kind === "webhook") {
    return {
      ...base,
      url: webhookUrl(t.id),
      signature_header: "X-Crystallize-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${raw body}` keyed by the secret>",
      // Only the response that made the secret shows it: the stored value is sealed.
      ...(opts.secret ? { secret: opts.secret } : {}),
    };
  }
  return { ...base, event_name: t.eventName };
}

async function ownedAutomation(db: DbClient, workspaceId: string, automationId: string) {
  const a = await db.automation.findFirst({ where: { id: automationId, workspaceId }, select: { id: true } });
  if (!a) throw new ApiError("not_found", `Automation ${automationId} not found`);
}

export async function createTrigger(db: DbClient, workspaceId: string, automationId: string, body: z.output<typeof ZCreateTrigger>) {
  await ownedAutomation(db, workspaceId, automationId);
  const common = { id: newId("trg"), workspaceId, automationId, kind: body.kind, enabled: body.enabled, input: body.input as object };
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

export async function getTriggerOrThrow(db: DbClient, workspaceId: string, triggerId: string) {
  const t = await db.trigger.findFirst({ where: { id: triggerId, workspaceId } });
  if (!t) throw new ApiError("not_found", `Trigger ${triggerId} not found`);
  return t;
}

export async function updateTrigger(db: DbClient, workspaceId: string, triggerId: string, body: z.output<typeof ZUpdateTrigger>) {
  const t = await getTriggerOrThrow(db, { workspaceId, triggerId });
  const scheduleFields = body.cron !== undefined || body.timezone !== undefined || body.catch_up_seconds !== undefined || body.allow_overlap !== undefined;
  if (scheduleFields && t.kind !== "schedule") throw new ApiError("validation_error", "cron, timezone, catch_up_seconds and allow_overlap apply to schedules only", { field: "body" });
  const cron = body.cron ?? t.cron;
  const timezone = body.timezone ?? t.timezone ?? "UTC";
  const data = {
    ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    ...(body.input !== undefined ? { input: body.input as object } : {}),
    ...(t.kind === "schedule"
      ? {
          cron,
          timezone,
          catchUpSeconds: body.catch_up_seconds ?? t.catchUpSeconds,
          allowOverlap: body.allow_overlap ?? t.allowOverlap,
          nextFireAt: nextFireTimes(cron!, timezone, new Date(), 1)[0],
        }
      : {}),
  };
  return presentTrigger(await db.trigger.update({ where: { id: t.id }, data }));
}

export async function rotateWebhookSecret(db: DbClient, workspaceId: string, triggerId: string) {
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
export async function tickSchedules(db: Db, now = new Date()) {
  const fired: { trigger_id: string; run_id: string }[] = [];
  const skipped: { trigger_id: string; reason: string }[] = [];
  await db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "trigger" WHERE kind = 'schedule' AND enabled AND "nextFireAt" <= ${now}
      ORDER BY "nextFireAt" LIMIT 200 FOR UPDATE SKIP LOCKED`;
    for (const { id } of due) {
      const t = (await tx.trigger.findUnique({ where: { id } }))!;
      const next = nextFireTimes(t.cron!, t.timezone ?? "UTC", now, 1)[0]!;
      const scheduledAt = t.nextFireAt!;
      await tx.trigger.update({ where: { id }, data: { nextFireAt: next } });
      const { automation, definition } = await loadCurrentDefinition(tx, { workspaceId: t.workspaceId, automationId: t.automationId });
      let reason: string | null = null;
      if (automation.status !== "active") reason = `automation is ${automation.status}`;
      else if (now.getTime() - scheduledAt.getTime() > t.catchUpSeconds * 1000) reason = "missed by more than the catch-up window";
      else if (definition.steps.length === 0) reason = "automation has no steps";
      else if (!t.allowOverlap && (await tx.automationRun.count({ where: { automationId: t.automationId, status: { in: ["queued", "running", "waiting_for_approval"] } } })) > 0)
        reason = "previous run still in progress";
      if (reason) {
        skipped.push({ trigger_id: id, reason });
        continue;
      }
      const runId = await createRunInTx(tx, {
        workspaceId: t.workspaceId,
        automationId: t.automationId,
        version: automation.currentVersion,
        definition,
        trigger: "schedule",
        triggerId: id,
        input: { ...(t.input as object), scheduled_at: scheduledAt.toISOString() },
      });
      await tx.trigger.update({ where: { id }, data: { lastFiredAt: now } });
      fired.push({ trigger_id: id, run_id: runId });
    }
  });
  if (fired.length) wakeWorkers();
  return { fired, skipped };
}

/** Signatures are refused after 5 minutes, so a delivery's record is only needed for about as long. */
export async function pruneDeliveries(db: Db) {
  await db.webhookDelivery.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 15 * 60_000) } } }).catch(() => {});
}

// Exactly what signWebhook writes. A loose reading (upper-case hex, trailing characters, which
// Buffer.from(…, "hex") ignores) would let one captured delivery pass under many spellings.
const SIGNATURE_FORMAT = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/;

export type SignatureCheck = { ok: true; digest: string } | { ok: false; problem: string };

/**
 * Checks `t=<unix>,v1=<64 lowercase hex>` against the secret; a timestamp off by more than 5
 * minutes fails, so old requests cannot be replayed (newer ones are caught by their recorded
 * digest). On success, `digest` is the HMAC the server computed: what replays are keyed on.
 */
export function verifyWebhookSignature(secret: string, header: string | null, body: string, now = Date.now()): SignatureCheck {
  if (!header) return { ok: false, problem: `missing ${SIGNATURE_HEADER} header` };
  const match = SIGNATURE_FORMAT.exec(header.trim());
  if (!match) return { ok: false, problem: "signature header must be t=<unix seconds>,v1=<64 lowercase hex characters>" };
  const t = Number(match[1]);
  if (Math.abs(now / 1000 - t) > 300) return { ok: false, problem: "signature timestamp is more than 5 minutes off: replayed or clock skewed" };
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(Buffer.from(match[2]!, "hex"), expected)) return { ok: false, problem: "signature does not match" };
  return { ok: true, digest: expected.toString("hex") };
}

export function signWebhook(secret: string, body: string, now = Date.now()) {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/**
 * A signed delivery starts one run. The same signed request again (a replay, or a sender's retry
 * after a lost response) starts nothing and answers with the run the first one started: the
 * signature is recorded with the run, in its transaction.
 */
export async function receiveWebhook(db: Db, triggerId: string, rawBody: string, signature: string | null) {
  const t = await db.trigger.findUnique({ where: { id: triggerId } });
  // Unknown ids and failed signatures answer alike, so ids cannot be probed.
  const check: SignatureCheck = !t || t.kind !== "webhook" || !t.secret ? { ok: false, problem: "unknown webhook" } : verifyWebhookSignature(openSecret(t.secret), signature, rawBody);
  if (!check.ok || !t) {
    // Failures have their own budget, so an unsigned flood cannot spend the one signed deliveries use.
    await takeToken("webhook_failure", t ? t.id : "unknown");
    throw new ApiError("unauthorized", `Webhook refused: ${check.ok ? "unknown webhook" : check.problem}`);
  }
  if (!t.enabled) throw new ApiError("conflict", "This webhook trigger is disabled");
  const delivery = { triggerId: t.id, signature: check.digest };
  const seen = await db.webhookDelivery.findUnique({ where: { triggerId_signature: delivery } });
  if (seen) return { run_id: seen.runId, replayed: true };
  await takeToken("webhook", t.id);
  let payload: unknown = {};
  if (rawBody.trim()) {
    try {
      payload = JSON.parse(rawBody);
    } catch {
      throw new ApiError("validation_error", "body: is not valid JSON", { field: "body" });
    }
  }
  const input = payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : { payload };
  const runId = await startRun(db, {
    workspaceId: t.workspaceId,
    automationId: t.automationId,
    trigger: "webhook",
    triggerId: t.id,
    input: { ...(t.input as object), ...input },
    requireActive: true,
    alsoInTx: (tx, id) => tx.webhookDelivery.create({ data: { ...delivery, runId: id } }),
  }).catch(async (err) => {
    // The same delivery raced this one and won: answer with its run.
    const won = await db.webhookDelivery.findUnique({ where: { triggerId_signature: delivery } });
    if (won) return won.runId;
    throw err;
  });
  return { run_id: runId, replayed: false };
}
