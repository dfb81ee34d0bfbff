import { describe, expect, it } from "vitest";
import type { Trigger } from "../client/types";
import { summarizeTriggers } from "./trigger-summary";

const schedule = { kind: "schedule", enabled: true, description: "At 09:00, every day (Europe/Paris)" } as Trigger;
const webhook = { kind: "webhook", enabled: true } as Trigger;

describe("trigger summary", () => {
  it("says what starts a run", () => {
    expect(summarizeTriggers([], true)).toEqual({ label: "Manual runs only", detail: "Run now, or add a trigger" });
    expect(summarizeTriggers([schedule], true)).toEqual({ label: "Schedule", detail: "At 09:00, every day (Europe/Paris)" });
    expect(summarizeTriggers([schedule, webhook, { ...schedule }], true)).toEqual({ label: "3 triggers", detail: "2 schedules, 1 webhook" });
    expect(summarizeTriggers([{ ...schedule, enabled: false }], true)).toEqual({ label: "Triggers off", detail: "1 disabled · runs by hand only" });
  });

  it("says when the automation is not active, so its triggers start nothing", () => {
    expect(summarizeTriggers([webhook], false)).toEqual({ label: "Webhook", detail: "not active · a signed POST starts a run" });
  });
});
