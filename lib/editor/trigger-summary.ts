import type { Trigger } from "../client/types";

/** What the canvas's trigger node says starts a run. */
export type TriggerSummary = { label: string; detail?: string };

const KIND_LABEL = { schedule: "Schedule", webhook: "Webhook", event: "Event" } as const;

function one(t: Trigger): TriggerSummary {
  if (t.kind === "schedule") return { label: KIND_LABEL.schedule, detail: t.description };
  if (t.kind === "webhook") return { label: KIND_LABEL.webhook, detail: "a signed POST starts a run" };
  return { label: KIND_LABEL.event, detail: `on ${t.event_name}` };
}

/**
 * "Schedule · every day at 09:00 (Europe/Paris)", "2 triggers · 1 schedule, 1 webhook", or "Manual
 * runs only" when nothing is set up: what starts this automation, in a node's two lines. Triggers
 * start nothing while the automation is not active, and the detail says so.
 */
export function summarizeTriggers(triggers: readonly Trigger[], active: boolean): TriggerSummary {
  const on = triggers.filter((t) => t.enabled);
  if (triggers.length === 0) return { label: "Manual runs only", detail: "Run now, or add a trigger" };
  if (on.length === 0) return { label: "Triggers off", detail: `${triggers.length} disabled · runs by hand only` };
  const base =
    on.length === 1
      ? one(on[0]!)
      : {
          label: `${on.length} triggers`,
          detail: (["schedule", "webhook", "event"] as const)
            .map((k) => [k, on.filter((t) => t.kind === k).length] as const)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${k}${n === 1 ? "" : "s"}`)
            .join(", "),
        };
  return active ? base : { label: base.label, detail: `not active · ${base.detail ?? ""}`.replace(/ · $/, "") };
}
