import { describe, expect, it } from "vitest";
import { ZDefinition, type TDefinition } from "@/lib/automations/schemas";
import { layoutPositions } from "@/lib/editor/graph";
import { setInputs, setStepFields } from "@/lib/editor/graph";
import { buildEdges, buildNodes, TRIGGER_NODE_ID, type CanvasInputs } from "./flow-elements";

const def: TDefinition = ZDefinition.parse({
  steps: [
    { key: "query", type: "action", action_kind: "run_sql", inputs: { sql: "select 1", data_source: "warehouse" } },
    { key: "chart", type: "action", action_kind: "transform", inputs: { expression: "$", data: null }, depends_on: ["query"], bindings: [{ input_path: "/data", from_step: "query", output_path: "/rows" }] },
    { key: "notify", type: "action", action_kind: "notify", inputs: { message: "done" }, depends_on: ["chart"] },
  ],
});
const inputs = (d: TDefinition, over: Partial<CanvasInputs> = {}): CanvasInputs => ({ definition: d, layout: layoutPositions(d), moved: new Map(), chosen: new Set(), editable: true, ...over });

describe("canvas elements", () => {
  it("builds one node per step and one edge per dependency, labelled with what it carries", () => {
    const nodes = buildNodes([], inputs(def));
    const edges = buildEdges([], inputs(def));
    expect(nodes.map((n) => [n.id, n.type])).toEqual([["query", "action"], ["chart", "action"], ["notify", "action"]]);
    expect(edges.map((e) => [e.id, e.label])).toEqual([["query->chart", "/rows → /data"], ["chart->notify", undefined]]);
  });

  it("keeps the very node objects (and array) while what they draw is unchanged", () => {
    const first = inputs(def);
    const nodes = buildNodes([], first);
    const edges = buildEdges([], first);
    // Typing into an input changes no node: the arrays come back as they were.
    const typed = setInputs(def, "query", { sql: "select 1", data_source: "warehouse_2" });
    expect(buildNodes(nodes, { ...first, definition: typed })).toBe(nodes);
    expect(buildEdges(edges, { ...first, definition: typed })).toBe(edges);
    // A rename redraws that node alone.
    const renamed = setStepFields(def, "chart", { name: "Revenue chart" });
    const next = buildNodes(nodes, { ...first, definition: renamed });
    expect(next).not.toBe(nodes);
    expect(next.map((n, i) => n === nodes[i])).toEqual([true, false, true]);
    // So does a selection.
    const picked = buildNodes(nodes, { ...first, chosen: new Set(["query"]) });
    expect(picked.map((n, i) => n === nodes[i])).toEqual([false, true, true]);
    expect(picked[0]!.selected).toBe(true);
  });

  it("draws the trigger above the first steps, joined to each step nothing runs before", () => {
    const withTwoRoots = ZDefinition.parse({ steps: [...def.steps, { key: "audit", type: "action", action_kind: "notify", inputs: { message: "x" } }] });
    const all = inputs(withTwoRoots, { trigger: { label: "Schedule", detail: "every day at 09:00" } });
    const nodes = buildNodes([], all);
    const trigger = nodes.find((n) => n.id === TRIGGER_NODE_ID)!;
    expect(trigger.type).toBe("trigger");
    expect(trigger).toMatchObject({ selectable: false, deletable: false, draggable: false });
    const highest = Math.min(...withTwoRoots.steps.map((s) => all.layout.get(s.key)!.y));
    expect(trigger.position.y).toBeLessThan(highest);
    const edges = buildEdges([], all);
    expect(edges.filter((e) => e.source === TRIGGER_NODE_ID).map((e) => e.target).sort()).toEqual(["audit", "query"]);
    // A new summary redraws the trigger, and only it.
    const again = buildNodes(nodes, { ...all, trigger: { label: "Manual runs only" } });
    expect(again.filter((n, i) => n !== nodes[i]).map((n) => n.id)).toEqual([TRIGGER_NODE_ID]);
  });

  it("labels only the chosen steps' edges past 200 edges, keeping every edge's words for screen readers", () => {
    const steps = Array.from({ length: 202 }, (_, i) => ({
      key: `s${i}`,
      type: "action",
      action_kind: "transform",
      inputs: { expression: "$", data: null },
      depends_on: i ? [`s${i - 1}`] : [],
      bindings: i ? [{ input_path: "/data", from_step: `s${i - 1}`, output_path: "/out" }] : [],
    }));
    const big = ZDefinition.parse({ steps });
    const edges = buildEdges([], inputs(big, { chosen: new Set(["s5"]) }));
    expect(edges.filter((e) => e.label).map((e) => e.id)).toEqual(["s4->s5", "s5->s6"]);
    expect(edges.every((e) => e.ariaLabel?.includes("/out → /data"))).toBe(true);
  });
});
