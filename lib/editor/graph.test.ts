import { describe, expect, it } from "vitest";
import type { TDefinition, TStep } from "../automations/schemas";
import { addStep, bind, canConnect, connect, deleteStep, disconnect, edgesOf, freshKey, getPointer, layoutPositions, NODE_HEIGHT, setPointer, unbind } from "./graph";

const step = (key: string, extra: Partial<TStep> = {}): TStep => ({ key, type: "action", action_kind: "run_sql", inputs: {}, depends_on: [], bindings: [], parameter_refs: [], ...extra });
const def = (steps: TStep[]): TDefinition => ({ steps, parameters: [], metadata: { nondeterministic_steps: [], unreviewed_steps: [] } });

const demo = def([
  step("q1", { inputs: { sql: "select 1" } }),
  step("q2", { inputs: { sql: "select 2" } }),
  step("board", {
    action_kind: "create_flashboard",
    depends_on: ["q1", "q2"],
    inputs: { title: "B", charts: [{ data: [1] }] },
    bindings: [{ input_path: "/charts/0/data", from_step: "q1", output_path: "/rows", recorded_value: [1] }],
  }),
]);

describe("editor graph", () => {
  it("draws one edge per dependency, labelled with the bindings it carries", () => {
    const edges = edgesOf(demo);
    expect(edges.map((e) => e.id).sort()).toEqual(["q1->board", "q2->board"]);
    expect(edges.find((e) => e.source === "q1")!.bindings).toEqual([{ output_path: "/rows", input_path: "/charts/0/data" }]);
    expect(edges.find((e) => e.source === "q2")!.bindings).toEqual([]);
  });

  it("lays dependents out below what they depend on", () => {
    const pos = layoutPositions(demo);
    expect(pos.get("board")!.y).toBeGreaterThanOrEqual(pos.get("q1")!.y + NODE_HEIGHT);
    expect(pos.get("q1")!.y).toBe(pos.get("q2")!.y);
  });

  it("refuses edges that would close a cycle or repeat one", () => {
    expect(canConnect(demo, "board", "q1")).toBe(false);
    expect(canConnect(demo, "q1", "board")).toBe(false);
    expect(canConnect(demo, "q1", "q2")).toBe(true);
    expect(connect(demo, "board", "q1")).toBe(demo);
  });

  it("marks a condition's branch when drawing from its true or false handle", () => {
    const { def: withCond, key } = addStep(demo, { type: "condition", inputs: { expression: "true" } }, "q1");
    const next = connect(withCond, key, "q2", "false");
    expect(next.steps.find((s) => s.key === key)!.branches).toEqual({ true: [], false: ["q2"] });
    expect(edgesOf(next).find((e) => e.target === "q2")!.branch).toBe("false");
    const cut = disconnect(next, key, "q2");
    expect(cut.steps.find((s) => s.key === key)!.branches).toEqual({ true: [], false: [] });
    expect(cut.steps.find((s) => s.key === "q2")!.depends_on).toEqual([]);
  });

  it("adds a step after the open one, else after the last, and the first step of an empty automation alone", () => {
    expect(addStep(demo, { type: "action", action_kind: "transform", inputs: {} }, "q1").def.steps.at(-1)!.depends_on).toEqual(["q1"]);
    expect(addStep(demo, { type: "action", action_kind: "transform", inputs: {} }).def.steps.at(-1)!.depends_on).toEqual([demo.steps.at(-1)!.key]);
    expect(addStep({ ...demo, steps: [] }, { type: "action", action_kind: "transform", inputs: {} }).def.steps[0]!.depends_on).toEqual([]);
  });

  it("deletes a step with every reference to it", () => {
    const next = deleteStep(demo, "q1");
    const board = next.steps.find((s) => s.key === "board")!;
    expect(board.depends_on).toEqual(["q2"]);
    expect(board.bindings).toEqual([]);
  });

  it("unbinds to the recorded value and binds to upstream outputs", () => {
    const frozen = unbind(demo, "board", "/charts/0/data");
    const board = frozen.steps.find((s) => s.key === "board")!;
    expect(board.bindings).toEqual([]);
    expect(getPointer(board.inputs, "/charts/0/data")).toEqual([1]);
    const rebound = bind(frozen, "board", { input_path: "/title", from_step: "q2", output_path: "/rows/0/name" });
    expect(rebound.steps.find((s) => s.key === "board")!.bindings).toEqual([{ input_path: "/title", from_step: "q2", output_path: "/rows/0/name", recorded_value: "B" }]);
  });

  it("keeps a binding it cannot freeze, rather than lose the recorded value", () => {
    const nulled = { ...demo, steps: demo.steps.map((s) => (s.key === "board" ? { ...s, inputs: { ...s.inputs, charts: null } } : s)) } as TDefinition;
    const after = unbind(nulled, "board", "/charts/0/data");
    expect(after.steps.find((s) => s.key === "board")!.bindings.map((b) => b.input_path)).toEqual(["/charts/0/data"]);
  });

  it("finds fresh keys and writes pointers without mutating", () => {
    expect(freshKey(demo, "Run SQL")).toBe("run_sql_1");
    const inputs = { a: { "b/c": [1, 2] } };
    const out = setPointer(inputs, "/a/b~1c/1", 9);
    expect(out).toEqual({ a: { "b/c": [1, 9] } });
    expect(inputs.a["b/c"][1]).toBe(2);
  });
});

describe("reachability", () => {
  it("finds what is downstream of a step", async () => {
    const { downstreamOf, upstreamOf } = await import("./graph");
    expect([...downstreamOf(demo, "q1")]).toEqual(["board"]);
    expect(downstreamOf(demo, "board").size).toBe(0);
    expect([...upstreamOf(demo, "board")].sort()).toEqual(["q1", "q2"]);
  });
});

describe("edge routes", () => {
  it("bends an edge that skips layers around the steps in between, and makes room for its label", async () => {
    const { ZDefinition } = await import("../automations/schemas");
    const { layoutGraph, NODE_WIDTH } = await import("./graph");
    const def = ZDefinition.parse({
      steps: [
        { key: "a", type: "action", action_kind: "transform", inputs: {} },
        { key: "b", type: "action", action_kind: "transform", inputs: {}, depends_on: ["a"] },
        { key: "c", type: "action", action_kind: "transform", inputs: {}, depends_on: ["b"] },
        { key: "d", type: "action", action_kind: "transform", inputs: {}, depends_on: ["a", "c"], bindings: [{ input_path: "/data", from_step: "a", output_path: "/rows" }] },
      ],
    });
    const { positions, routes } = layoutGraph(def, (e) => (e.bindings.length ? "/rows → /data" : undefined));
    const long = routes.get("a->d")!;
    expect(long.points.length).toBeGreaterThanOrEqual(3);
    const inside = (p: { x: number; y: number }, box: { x: number; y: number }) => p.x >= box.x && p.x <= box.x + NODE_WIDTH && p.y >= box.y && p.y <= box.y + NODE_HEIGHT;
    expect(long.points.filter((p) => ["b", "c"].some((k) => inside(p, positions.get(k)!)))).toEqual([]);
    // The label's place is clear of every step.
    expect([...positions.values()].filter((box) => inside(long.label!, box))).toEqual([]);
    expect(routes.get("a->b")!.label).toBeUndefined();
  });
});
