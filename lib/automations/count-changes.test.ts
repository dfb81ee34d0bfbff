import { describe, expect, it } from "vitest";
import { countChanges } from "./count-changes";
import type { TDefinition } from "./schemas";

const step = (key: string, expression = '"x"') => ({ key, type: "action" as const, action_kind: "transform", inputs: { expression }, depends_on: [], bindings: [], parameter_refs: [] });
const def = (steps: ReturnType<typeof step>[], extra: Partial<TDefinition> = {}): TDefinition => ({ steps, parameters: [], metadata: { nondeterministic_steps: [], unreviewed_steps: [] }, ...extra });

describe("countChanges", () => {
  it("counts each added, removed or edited step once, and parameters and the zone as one each", () => {
    const live = def([step("a"), step("b"), step("c")]);
    expect(countChanges(live, live)).toBe(0);
    expect(countChanges(live, def([step("a"), step("b", '"y"'), step("d")]))).toBe(3); // b edited, c removed, d added
    expect(countChanges(live, def([step("a"), step("b"), step("c")], { parameters: [{ name: "p", type: "string" }], time_zone: "Europe/Berlin" }))).toBe(2);
  });

  it("ignores key order and step order", () => {
    const reordered = { ...step("a"), inputs: { expression: '"x"' }, parameter_refs: [], bindings: [], depends_on: [], action_kind: "transform", type: "action" as const, key: "a" };
    expect(countChanges(def([step("a"), step("b")]), def([step("b"), reordered]))).toBe(0);
  });
});
