import { describe, expect, it } from "vitest";
import { ZDefinition } from "../automations/schemas";
import { chainGroups, collapseGroups, describeGroup } from "./chains";

const chain = (n: number, prefix = "s", from?: string) =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i + 1}`, type: "action", action_kind: i % 2 ? "edit_file" : "read_file", inputs: {}, depends_on: i ? [`${prefix}${i}`] : from ? [from] : [] }));

describe("chain groups", () => {
  it("cuts a long chain into groups of ten, the short rest joining the last", () => {
    const def = ZDefinition.parse({ steps: chain(22) });
    expect(chainGroups(def).map((g) => g.keys.length)).toEqual([10, 12]);
    const def2 = ZDefinition.parse({ steps: chain(25) });
    expect(chainGroups(def2).map((g) => [g.id, g.keys.length])).toEqual([["chain:s1", 10], ["chain:s11", 10], ["chain:s21", 5]]);
  });

  it("never groups across a fork or a join, nor a chain too short to hide", () => {
    // s1..s8 then a fork at s8 into two chains of 7 and 3, which join at the end.
    const steps = [...chain(8), ...chain(7, "a", "s8"), ...chain(3, "b", "s8"), { key: "end", type: "action", action_kind: "notify", inputs: {}, depends_on: ["a7", "b3"] }];
    const groups = chainGroups(ZDefinition.parse({ steps }));
    expect(groups.map((g) => g.keys.join(","))).toEqual(["s1,s2,s3,s4,s5,s6,s7,s8", "a1,a2,a3,a4,a5,a6,a7"]);
  });

  it("lays out a closed group as one step in its first step's place", () => {
    const def = ZDefinition.parse({ steps: [...chain(12), { key: "end", type: "action", action_kind: "notify", inputs: {}, depends_on: ["s12"] }] });
    const groups = chainGroups(def);
    expect(groups.map((g) => g.keys.length)).toEqual([10, 3]);
    expect(collapseGroups(def, groups).steps.map((s) => `${s.key}<${s.depends_on.join(",")}`)).toEqual(["chain:s1<", "chain:s11<chain:s1"]);
    // One open group: the steps after the closed one wait on it.
    expect(collapseGroups(def, [groups[0]!]).steps.map((s) => `${s.key}<${s.depends_on.join(",")}`)).toEqual(["chain:s1<", "s11<chain:s1", "s12<s11", "end<s12"]);
    expect(describeGroup(new Map(def.steps.map((s) => [s.key, s])), groups[0]!.keys)).toBe("read_file ×5, edit_file ×5");
    expect(describeGroup(new Map(def.steps.map((s) => [s.key, s])), groups[1]!.keys)).toBe("read_file, edit_file and 1 more");
  });
});
