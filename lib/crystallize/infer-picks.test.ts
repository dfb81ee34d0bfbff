import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import { crystallize } from "./crystallize";
import { call, transcript, user } from "../../tests/crystallize-fixtures";
import { normalizeDefinition } from "../automations/validate-definition";
import { ZDefinition } from "../automations/schemas";

// The pick rule through the crystallizer: an element of a list chosen by a property the user
// named is read by that property; the near-misses keep reading it by its place.

const subscriptions = (...plans: string[]) => ({ subscriptions: plans.map((plan, i) => ({ id: `sub_${i}x${plan.length}`, plan, status: "active" })) });
const run = (words: string, list: ReturnType<typeof subscriptions>, pick: number) =>
  transcript([
    user(words),
    call("list_subscriptions", { customer_id: "cus_N1naK88" }, list),
    call("pause_subscription", { subscription_id: list.subscriptions[pick]!.id, behavior: "void" }, { ok: true }),
  ]);
const pauseStep = (words: string, list: ReturnType<typeof subscriptions>, pick: number) => {
  const { definition, report } = crystallize(run(words, list, pick));
  return { step: definition.steps.find((s) => s.key === "pause_subscription_1")!, report, definition };
};

describe("picks", () => {
  it("reads the subscription the user named by its plan, and the step needs review", () => {
    const { step, report, definition } = pauseStep("Please pause my Pro subscription", subscriptions("Starter", "Pro"), 1);
    expect(step.bindings).toEqual([]);
    expect(step.templates).toEqual([
      {
        input_path: "/subscription_id",
        template: '{{ $single(steps.list_subscriptions_1.output.subscriptions, function($v) { $v.plan = "Pro" }).id }}',
        recorded_value: "sub_1x3",
        inferred: "pick",
      },
    ]);
    expect(step.depends_on).toEqual(["list_subscriptions_1"]);
    expect(report.picks).toEqual([{ step: "pause_subscription_1", input_path: "/subscription_id", from_step: "list_subscriptions_1", list_path: "/subscriptions", field: "plan", value: "Pro" }]);
    expect(definition.metadata.unreviewed_steps).toEqual(["pause_subscription_1"]);
    // A save accepts what the crystallizer made.
    expect(() => normalizeDefinition(ZDefinition.parse(definition))).not.toThrow();
  });

  it("finds the element tomorrow wherever it sits, and fails rather than guess when none or several match", async () => {
    const { step } = pauseStep("pause the pro plan please", subscriptions("Starter", "Pro"), 1);
    const hole = step.templates![0]!.template.slice(3, -3);
    const on = (list: ReturnType<typeof subscriptions>) => jsonata(hole).evaluate({ steps: { list_subscriptions_1: { output: list } } });
    await expect(on(subscriptions("Pro", "Team", "Starter"))).resolves.toBe("sub_0x3");
    await expect(on(subscriptions("Team", "Starter"))).rejects.toThrow(/exactly 1/);
    await expect(on(subscriptions("Pro", "Pro"))).rejects.toThrow(/exactly 1/);
  });

  it("keeps reading by place when the user named no property, or one several elements share", () => {
    expect(pauseStep("Please pause my subscription", subscriptions("Starter", "Pro"), 1).step.bindings[0]!.output_path).toBe("/subscriptions/1/id");
    // "active" is every subscription's status: it tells none apart.
    expect(pauseStep("Pause my active Pro subscription", subscriptions("Pro", "Pro"), 1).step.bindings[0]!.output_path).toBe("/subscriptions/1/id");
    // "Pro" inside another word is no naming of it.
    expect(pauseStep("Pause my Professional subscription", subscriptions("Starter", "Pro"), 1).step.bindings[0]!.output_path).toBe("/subscriptions/1/id");
    // A list of one says nothing about which element: its place is as good.
    expect(pauseStep("Pause my Pro subscription", subscriptions("Pro"), 0).step.bindings[0]!.output_path).toBe("/subscriptions/0/id");
  });

  it("never picks by words said only after the call", () => {
    const t = run("Please pause my subscription", subscriptions("Starter", "Pro"), 1);
    t.events.push(user("Thanks, the Pro one was right"));
    expect(crystallize(t).report.picks).toEqual([]);
  });
});
