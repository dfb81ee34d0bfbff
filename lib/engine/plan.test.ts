import { describe, expect, it } from "vitest";
import { type TBinding, ZDefinition } from "../automations/schemas";
import { backoffMs, planRun, resolveInputs, type StepState } from "./plan";

const def = (steps: unknown[], parameters: unknown[] = []) => ZDefinition.parse({ steps, parameters });
const act = (key: string, extra: Record<string, unknown> = {}) => ({ key, type: "action", action_kind: "transform", inputs: { expression: "1" }, ...extra });
const states = (entries: Record<string, Partial<StepState> & { status: StepState["status"] }>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, { attempt: 1, ...v }]));
const keys = (plan: ReturnType<typeof planRun>) => plan.ready.map((s) => s.key);

describe("planRun", () => {
  const diamond = def([act("a"), act("b", { depends_on: ["a"] }), act("c", { depends_on: ["a"] }), act("d", { depends_on: ["b", "c"] })]);

  it("starts independent steps together and a join only when all its dependencies are done", () => {
    expect(keys(planRun(diamond, new Map()))).toEqual(["a"]);
    expect(keys(planRun(diamond, states({ a: { status: "succeeded" } })))).toEqual(["b", "c"]);
    expect(keys(planRun(diamond, states({ a: { status: "succeeded" }, b: { status: "succeeded" } }), new Set(["c"])))).toEqual([]);
    const done = planRun(diamond, states({ a: { status: "succeeded" }, b: { status: "succeeded" }, c: { status: "succeeded" }, d: { status: "succeeded" } }));
    expect(done.outcome).toEqual({ status: "succeeded" });
  });

  it("a failure stops the run: pending steps are skipped and the outcome names the step", () => {
    const plan = planRun(diamond, states({ a: { status: "succeeded" }, b: { status: "failed", error: "boom" }, c: { status: "succeeded" } }));
    expect(plan.skip).toEqual(["d"]);
    expect(plan.outcome).toEqual({ status: "failed", step: "b", error: "boom" });
  });

  it("waits for in-flight steps before declaring the outcome", () => {
    const plan = planRun(diamond, states({ a: { status: "succeeded" }, b: { status: "failed", error: "x" } }), new Set(["c"]));
    expect(plan.outcome).toBeUndefined();
  });

  it("continue_on_error lets the run go on past a failed step", () => {
    const d = def([act("a", { continue_on_error: true }), act("b", { depends_on: ["a"] })]);
    expect(keys(planRun(d, states({ a: { status: "failed", error: "x" } })))).toEqual(["b"]);
  });

  it("a condition skips the untaken branch and what only it leads to", () => {
    const d = def([
      { key: "c", type: "condition", inputs: { expression: "true" }, branches: { true: ["yes"], false: ["no"] } },
      act("yes"),
      act("no"),
      act("no_after", { depends_on: ["no"] }),
      act("join", { depends_on: ["yes", "no"] }),
    ]);
    const plan = planRun(d, states({ c: { status: "succeeded", output: { result: true } } }));
    expect(plan.skip.sort()).toEqual(["no", "no_after"]);
    expect(keys(plan)).toEqual(["yes"]);
  });

  it("a waiting gate with nothing else to do parks the run", () => {
    const d = def([{ key: "g", type: "approval_gate", inputs: {} }, act("after", { depends_on: ["g"] })]);
    expect(planRun(d, states({ g: { status: "waiting" } })).outcome).toEqual({ status: "waiting_for_approval" });
  });

  it("a gate rejected with on_reject=end cancels the run", () => {
    const d = def([{ key: "g", type: "approval_gate", inputs: { on_reject: "end" } }, act("after", { depends_on: ["g"] })]);
    expect(planRun(d, states({ g: { status: "failed", error: "rejected" } })).outcome).toEqual({ status: "canceled", step: "g", error: "rejected" });
  });
});

describe("resolveInputs", () => {
  const d = def(
    [
      act("a"),
      act("b", {
        inputs: { expression: "x", data: { rows: "frozen", limit: 10 } },
        depends_on: ["a"],
        bindings: [{ input_path: "/data/rows", from_step: "a", output_path: "/rows" }],
        parameter_refs: [{ input_path: "/data/limit", parameter: "limit" }],
      }),
    ],
    [{ name: "limit", type: "number", default: 5 }],
  );
  const b = d.steps[1]!;

  it("puts parameters and upstream outputs in at their paths", () => {
    const inputs = resolveInputs(b, states({ a: { status: "succeeded", output: { rows: [1, 2] } } }), { limit: 3 });
    expect(inputs).toEqual({ expression: "x", data: { rows: [1, 2], limit: 3 } });
    expect(b.inputs).toEqual({ expression: "x", data: { rows: "frozen", limit: 10 } }); // not mutated
  });

  it("names the binding when the upstream output lacks its path, and reads null from a skipped step", () => {
    expect(() => resolveInputs(b, states({ a: { status: "succeeded", output: {} } }), {})).toThrow("input /data/rows is bound to a/rows, but that step's output has no /rows");
    expect(resolveInputs(b, states({ a: { status: "skipped" } }), {}).data).toEqual({ rows: null, limit: 10 });
  });
});

describe("backoffMs", () => {
  it("doubles when exponential and is capped", () => {
    const [s] = def([act("a", { retry: { max_retries: 3, backoff_ms: 1000 } })]).steps;
    expect([1, 2, 3].map((n) => backoffMs(s!, n))).toEqual([1000, 2000, 4000]);
    const [big] = def([act("a", { retry: { max_retries: 10, backoff_ms: 300_000 } })]).steps;
    expect(backoffMs(big!, 9)).toBe(300_000);
  });
});

describe("resolveInputs: bindings cut out of text", () => {
  const step = (extract: TBinding["extract"]) => ({
    key: "read",
    type: "action" as const,
    inputs: { file_path: "old" },
    depends_on: ["glob"],
    bindings: [{ input_path: "/file_path", from_step: "glob", output_path: "", extract }],
    parameter_refs: [],
  });
  const glob = (output: unknown) => states({ glob: { status: "succeeded", output } });

  it("reads a line, a word of a line, and a value in JSON text", () => {
    expect(resolveInputs(step({ line: 1 }), glob("a.ts\n  b.ts  \nc.ts"), {}).file_path).toBe("b.ts");
    expect(resolveInputs(step({ line: 1, token: 1 }), glob("NAME STATUS\napi-1 Running"), {}).file_path).toBe("Running");
    expect(resolveInputs(step({ json: "/files/0" }), glob('{"files": ["x.ts"]}'), {}).file_path).toBe("x.ts");
  });

  it("fails with a clear error when tomorrow's output no longer has that shape", () => {
    expect(() => resolveInputs(step({ line: 5 }), glob("a.ts\nb.ts"), {})).toThrow("input /file_path is bound to line 6 of glob output, but that output has no line 6 (it has 2 lines)");
    expect(() => resolveInputs(step({ line: 0, token: 3 }), glob("a b"), {})).toThrow("has no word 4 on line 1");
    expect(() => resolveInputs(step({ json: "/x" }), glob("not json"), {})).toThrow("is not JSON text");
    expect(() => resolveInputs(step({ line: 0 }), glob({ rows: [] }), {})).toThrow("is not text");
  });
});
