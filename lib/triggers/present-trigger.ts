import { config } from "../config";
import type { Trigger } from "../generated/prisma/client";
import { nextFireTimes, describeCron } from "./next-fire-times";

export const webhookUrl = (id: string) => `${config.baseUrl.replace(/\/$/, "")}/api/v1/hooks/${id}`;

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
      payload_parameter: t.payloadParameter,
      signature_header: "X-Crystallize-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of `${t}.${raw body}` keyed by the secret>",
      // Only the response that made the secret shows it: the stored value is sealed.
      ...(opts.secret ? { secret: opts.secret } : {}),
    };
  }
  return { ...base, event_name: t.eventName, payload_parameter: t.payloadParameter };
}
