import { describe, expect, it } from "vitest";
import { stepSubtitle } from "./step-subtitle";
import type { TStep } from "../automations/schemas";

const step = (action_kind: string, inputs: Record<string, unknown>, extra: Partial<TStep> = {}): TStep => ({ key: "k", type: "action", action_kind, inputs, depends_on: [], bindings: [], parameter_refs: [], ...extra });

describe("stepSubtitle", () => {
  it("says what each kind of step does, in one line", () => {
    expect(stepSubtitle(step("run_sql", { sql: "\n  SELECT month,\n  sum(total) FROM orders" }))).toBe("SELECT month,");
    expect(stepSubtitle(step("http_request", { method: "post", url: "https://api.example.com/orders/42?x=1" }))).toBe("POST api.example.com/orders/42");
    expect(stepSubtitle(step("http_request", { url: "https://api.example.com/" }))).toBe("GET api.example.com");
    expect(stepSubtitle(step("transform", { expression: "$inputs.rows[0]" }))).toBe("$inputs.rows[0]");
    expect(stepSubtitle(step("create_chart", {}, { provider_id: "tp_charts" }))).toBe("create_chart · tp_charts");
    expect(stepSubtitle(step("create_chart", {}))).toBe("tool create_chart");
    expect(stepSubtitle({ ...step("x", { message: "Refund $89 to Jane?" }), type: "approval_gate", action_kind: undefined })).toBe("Refund $89 to Jane?");
  });

  it("cuts a long line", () => {
    const sub = stepSubtitle(step("run_sql", { sql: `SELECT ${"a, ".repeat(60)}b FROM t` }));
    expect(sub).toHaveLength(80);
    expect(sub.endsWith("…")).toBe(true);
  });
});
