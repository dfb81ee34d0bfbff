import { describe, expect, it } from "vitest";
import type { TDefinition, TStep } from "../automations/schemas";
import { deleteStep } from "./graph";
import { diffDefinitions, diffWords } from "./diff";

const step = (key: string, extra: Partial<TStep> = {}): TStep => ({ key, type: "action", action_kind: "run_sql", inputs: {}, depends_on: [], bindings: [], parameter_refs: [], ...extra });
const def = (steps: TStep[], extra: Partial<TDefinition> = {}): TDefinition => ({ steps, parameters: [], metadata: { nondeterministic_steps: [], unreviewed_steps: [] }, ...extra });
const byKey = (d: ReturnType<typeof diffDefinitions>, key: string) => d.steps.find((s) => s.key === key)!;

const SQL_V1 = "SELECT to_char(date_trunc('month', ordered_at), 'YYYY-MM') AS month, round(sum(total_amount), 2) AS revenue\nFROM sales.orders\nWHERE ordered_at >= '2026-07-01' AND ordered_at < '2026-10-01' AND status <> 'cancelled'\nGROUP BY 1 ORDER BY 1";
const SQL_V2 = SQL_V1.replace("status <> 'cancelled'", "status NOT IN ('cancelled', 'refunded')");

describe("diffWords", () => {
  it("keeps both texts whole and marks only the words that changed", () => {
    const parts = diffWords(SQL_V1, SQL_V2);
    expect(parts.filter((p) => p.change !== "added").map((p) => p.text).join("")).toBe(SQL_V1);
    expect(parts.filter((p) => p.change !== "removed").map((p) => p.text).join("")).toBe(SQL_V2);
    expect(parts.filter((p) => p.change === "removed").map((p) => p.text.trim()).join(" ")).toBe("<>");
    // 'cancelled' is in both, so it stays common: only the new words are marked.
    expect(parts.filter((p) => p.change === "added").map((p) => p.text.trim()).filter(Boolean)).toEqual(["NOT", "IN (", ", 'refunded')"]);
    // What precedes and follows the change is common text, never cut at the change.
    expect(parts[0]).toEqual({ text: expect.stringContaining("SELECT to_char") });
    expect(parts.at(-1)).toEqual({ text: expect.stringContaining("GROUP BY 1 ORDER BY 1") });
  });
});

describe("diffDefinitions", () => {
  const q = (sql: string, extra: Partial<TStep> = {}) => step("revenue", { inputs: { sql, data_source: "demo_warehouse" }, ...extra });

  it("diffs a changed SQL input word by word, by its input path, and leaves equal steps the same", () => {
    const d = diffDefinitions(def([q(SQL_V1), step("orders", { inputs: { sql: "select 2" } })]), def([q(SQL_V2), step("orders", { inputs: { sql: "select 2" } })]));
    const rev = byKey(d, "revenue");
    expect(rev.change).toBe("changed");
    expect(rev.fields).toHaveLength(1);
    expect(rev.fields[0]).toMatchObject({ label: "/sql", change: "changed", before: SQL_V1, after: SQL_V2 });
    expect(rev.fields[0]!.words!.some((w) => w.change === "added" && w.text.includes("refunded"))).toBe(true);
    expect(byKey(d, "orders").change).toBe("same");
  });

  it("tells a step that only moved from one that changed, and both from added and removed steps", () => {
    const a = def([step("a"), step("b"), step("c"), step("gone")]);
    const b = def([step("b"), step("c"), step("a", { inputs: { sql: "select 1" } }), step("new")]);
    const d = diffDefinitions(a, b);
    expect(d.steps.map((s) => [s.key, s.change])).toEqual([
      ["a", "changed"],
      ["b", "same"],
      ["c", "same"],
      ["gone", "removed"],
      ["new", "added"],
    ]);
    expect(byKey(d, "a").moved).toEqual({ from: 1, to: 3 });
    const onlyMoved = diffDefinitions(def([step("x"), step("y")]), def([step("y"), step("x")]));
    expect(onlyMoved.steps.filter((s) => s.change === "moved").length).toBe(1);
    // Deleting a step before another does not make the other one "moved".
    expect(diffDefinitions(def([step("p"), step("q")]), def([step("q")])).steps.map((s) => s.change)).toEqual(["removed", "same"]);
  });

  it("describes bindings, parameter refs, templates and loops in words", () => {
    const a = def([
      step("list_orders_1", { action_kind: "list_orders" }),
      step("get_order_1", { action_kind: "get_order", depends_on: ["list_orders_1"], inputs: { id: "O-1" }, bindings: [{ input_path: "/id", from_step: "list_orders_1", output_path: "/orders/0/id", recorded_value: "O-1" }] }),
    ]);
    const b = def(
      [
        step("list_orders_1", { action_kind: "list_orders", inputs: { region: "EMEA" }, parameter_refs: [{ input_path: "/region", parameter: "region" }] }),
        step("get_order_1", {
          action_kind: "get_order",
          depends_on: ["list_orders_1"],
          inputs: { id: "O-1", note: "for O-1" },
          bindings: [{ input_path: "/id", from_step: "list_orders_1", output_path: "/orders/1/id", recorded_value: "O-2" }],
          templates: [{ input_path: "/note", template: "for {{ item.id }}" }],
          for_each: { items: { from_step: "list_orders_1", output_path: "/orders" }, as: "item", bind: [{ input_path: "/id", item_path: "/id" }], concurrency: 2, max_items: 1000 },
        }),
      ],
      { parameters: [{ name: "region", type: "string", default: "EMEA" }] },
    );
    const d = diffDefinitions(a, b);
    expect(byKey(d, "list_orders_1").wiring).toEqual([{ change: "added", text: "input /region takes parameter region" }]);
    const get = byKey(d, "get_order_1");
    expect(get.wiring).toEqual([
      { change: "changed", text: "input /id reads list_orders_1 /orders/1/id", was: "input /id reads list_orders_1 /orders/0/id" },
      { change: "added", text: "input /note is filled from a template" },
      { change: "added", text: "runs once per item of list_orders_1 /orders, binding /id ← item /id, 2 at a time, at most 1000 items" },
    ]);
    expect(get.fields.find((f) => f.label === "template /note")).toMatchObject({ change: "added", after: "for {{ item.id }}" });
    expect(d.parameters).toEqual([{ change: "added", text: 'parameter region (string, default "EMEA") added' }]);
    // The recorded value a binding saw is an internal, not a change the reviewer must read.
    expect(get.fields.map((f) => f.label)).not.toContain("recorded_values.binding /id");
    expect(get.internals).toEqual([expect.objectContaining({ label: "recorded_values.binding /id", before: "O-1", after: "O-2" })]);
  });

  it("keeps hashes, provenance and source apart as internals: a step that changed only there is the same", () => {
    const a = def([q(SQL_V1, { source: { tool_call_id: "tc_1" }, provenance: { "/sql": "model_authored" } })]);
    const b = def([q(SQL_V1, { source: { tool_call_id: "tc_2" }, provenance: { "/sql": "user_supplied" }, reviewed: { by: "user:u1", at: "2026-12-01T00:00:00Z", inputs_hash: "abc" } })]);
    const rev = byKey(diffDefinitions(a, b), "revenue");
    expect(rev.change).toBe("changed");
    expect(rev.fields).toEqual([]);
    expect(rev.wiring).toEqual([{ change: "added", text: "marked reviewed" }]);
    expect(rev.internals.map((f) => f.label)).toEqual(["source.tool_call_id", "provenance./sql", "reviewed"]);
    const onlyInternals = byKey(diffDefinitions(a, def([q(SQL_V1, { source: { tool_call_id: "tc_9" } })])), "revenue");
    expect(onlyInternals.change).toBe("same");
    expect(onlyInternals.internals).toHaveLength(2);
  });

  it("describes changed and removed parameters and the time zone", () => {
    const a = def([], { parameters: [{ name: "region", type: "string", default: "EMEA" }, { name: "limit", type: "number" }] });
    const b = def([], { parameters: [{ name: "region", type: "string", default: "APAC", required: true }], time_zone: "Europe/Berlin" });
    const d = diffDefinitions(a, b);
    expect(d.parameters).toEqual([
      { change: "removed", text: "parameter limit (number) removed" },
      { change: "changed", text: 'parameter region: default "EMEA" → "APAC", now required', was: 'parameter region (string, default "EMEA")' },
    ]);
    expect(d.settings).toEqual([{ label: "time zone", change: "changed", before: "UTC", after: "Europe/Berlin" }]);
  });

  it("marks a deleted step removed and the step that read it changed", () => {
    const demo = def([
      step("q1", { inputs: { sql: "select 1" } }),
      step("q2", { inputs: { sql: "select 2" } }),
      step("board", { action_kind: "create_flashboard", depends_on: ["q1", "q2"], inputs: { title: "B" } }),
    ]);
    expect(diffDefinitions(demo, deleteStep(demo, "q2")).steps.map((d) => [d.key, d.change])).toEqual([["q1", "same"], ["q2", "removed"], ["board", "changed"]]);
  });

  it("diffs a step holding 50,000 values with one change quickly, listing just that change", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: i }));
    const t0 = Date.now();
    const d = diffDefinitions(def([step("s", { inputs: { rows } })]), def([step("s", { inputs: { rows: rows.map((r) => (r.id === 25_000 ? { id: -1 } : r)) } })]));
    expect(byKey(d, "s").fields).toEqual([{ label: "/rows/25000/id", change: "changed", before: 25_000, after: -1 }]);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
