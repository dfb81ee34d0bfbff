import { describe, expect, it } from "vitest";
import { layeredLayout } from "./layered-layout";
import type { TDefinition } from "../automations/schemas";

const def = (edges: Record<string, string[]>): TDefinition => ({
  steps: Object.entries(edges).map(([key, depends_on]) => ({ key, type: "action", action_kind: "transform", inputs: {}, depends_on, bindings: [], parameter_refs: [] })),
  parameters: [],
  metadata: { nondeterministic_steps: [], unreviewed_steps: [] },
});
const size = { width: 240, height: 76, gapX: 90, gapY: 80 };

describe("layeredLayout", () => {
  it("puts each step a layer below the deepest step it waits on, whatever the listing order", () => {
    const pos = layeredLayout(def({ d: ["b", "c"], a: [], b: ["a"], c: ["a"] }), size);
    expect(pos.get("a")!.y).toBe(0);
    expect(pos.get("b")!.y).toBe(156);
    expect(pos.get("c")!.y).toBe(156);
    expect(pos.get("d")!.y).toBe(312);
    // Siblings side by side, the join between them.
    expect(Math.abs(pos.get("b")!.x - pos.get("c")!.x)).toBe(330);
    const [left, right] = [pos.get("b")!.x, pos.get("c")!.x].sort((x, y) => x - y);
    expect(pos.get("d")!.x).toBeGreaterThanOrEqual(left!);
    expect(pos.get("d")!.x).toBeLessThanOrEqual(right!);
  });

  it("keeps parallel chains in their columns and never stacks two steps on one spot", () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 600; i++) edges[`s${i}`] = i < 10 ? [] : [`s${i - 10}`];
    const pos = layeredLayout(def(edges), size);
    for (let i = 10; i < 600; i++) expect(pos.get(`s${i}`)!.x, `s${i}`).toBe(pos.get(`s${i - 10}`)!.x);
    const spots = new Set([...pos.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(600);
  });

  it("places the steps of a cycle below the rest instead of losing them", () => {
    const pos = layeredLayout(def({ a: [], b: ["c"], c: ["b"] }), size);
    expect(pos.size).toBe(3);
    expect(pos.get("b")!.y).toBeGreaterThan(0);
  });
});
