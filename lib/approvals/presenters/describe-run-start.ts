import type { Trigger } from "../../generated/prisma/client";

export type RunStart = {
  kind: string;
  trigger_id: string | null;
  /** Who started a manual run: an email or an API key's name; null when nobody was recorded. */
  by: string | null;
  description: string;
};

/** Who or what started a run, in words: "manually by ada@example.test", "on schedule 0 9 * * 1-5 (Europe/Paris)". */
export function describeRunStart(r: {
  trigger: string;
  triggerId: string | null;
  retryOf: string | null;
  triggerRow?: Pick<Trigger, "kind" | "cron" | "timezone" | "eventName"> | null;
  startedBy?: { actor: string; actorName: string | null } | null;
}): RunStart {
  const base = { kind: r.trigger, trigger_id: r.triggerId, by: null };
  const t = r.triggerRow;
  switch (r.trigger) {
    case "manual": {
      const by = r.startedBy ? (r.startedBy.actorName ? (r.startedBy.actor.startsWith("key:") ? `API key "${r.startedBy.actorName}"` : r.startedBy.actorName) : r.startedBy.actor) : null;
      return { ...base, by, description: by ? `manually by ${by}` : "manually" };
    }
    case "schedule":
      return { ...base, description: t?.cron ? `on schedule ${t.cron}${t.timezone ? ` (${t.timezone})` : ""}` : "on a schedule" };
    case "webhook":
      return { ...base, description: `by webhook ${r.triggerId ?? ""}`.trim() };
    case "event":
      return { ...base, description: t?.eventName ? `by event ${t.eventName}` : "by an event" };
    case "retry":
      return { ...base, description: r.retryOf ? `as a retry of ${r.retryOf}` : "as a retry" };
    default:
      return { ...base, description: r.trigger };
  }
}
