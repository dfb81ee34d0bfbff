import { describe, expect, it } from "vitest";
import type { TStep } from "../automations/schemas";
import { automationIdParam, messageInWords, problemFix, problemInWords } from "./problem-fix";

const step = (action_kind: string, inputs: Record<string, unknown> = {}) =>
  ({ key: "s", type: "action", action_kind, inputs, depends_on: [], bindings: [], parameter_refs: [] }) as unknown as TStep;

describe("problemFix", () => {
  it("sends an unbound tool to the provider form, filled in for that tool, and back to the automation", () => {
    expect(problemFix(step("create chart"), 'unbound tool: no tool provider offers "create chart"', "auto_1")).toEqual({
      href: "/tool-providers?add=1&tool=create%20chart&from=auto_1",
      label: "Add a tool provider",
    });
  });

  it("sends a missing data source to the data source form with its name filled in", () => {
    const sql = step("run_sql", { data_source: "analytics", sql: "select 1" });
    expect(problemFix(sql, 'invalid inputs: inputs.data_source: "analytics" is not configured', "auto_1")).toEqual({
      href: "/data-sources?add=1&name=analytics&from=auto_1",
      label: "Add data source analytics",
    });
  });

  it("offers no page for problems a form elsewhere does not fix", () => {
    // Pinned to one provider, the step binds to no other: a new provider would not bind it.
    expect(problemFix(step("create_chart"), 'unbound tool: provider tp_1 does not offer "create_chart"', "auto_1")).toBeNull();
    expect(problemFix(step("create_chart"), "unbound tool: provider tp_1 may not start its command: stdio is off", "auto_1")).toBeNull();
    expect(problemFix(step("run_sql", { data_source: "analytics" }), "invalid inputs: inputs.sql: required", "auto_1")).toBeNull();
    expect(problemFix(step("transform"), "invalid inputs: inputs.expression: bad", "auto_1")).toBeNull();
  });
});

describe("problems in words", () => {
  it("names an input by its name, not its path in the API request", () => {
    expect(problemInWords('invalid inputs: inputs.data_source: "orders_db" is not configured')).toBe('Input data_source: "orders_db" is not configured.');
    expect(problemInWords('unbound tool: no tool provider offers "create_chart"')).toBe('Unbound tool: no tool provider offers "create_chart".');
    expect(problemInWords("invalid inputs: expression does not parse.")).toBe("Invalid inputs: expression does not parse.");
    expect(messageInWords("inputs.body.to: required")).toBe("input body.to: required");
    expect(messageInWords("The automation has no steps")).toBe("The automation has no steps");
  });
});

describe("automationIdParam", () => {
  it("takes an automation id and nothing else, so the way back cannot lead off the site", () => {
    expect(automationIdParam("auto_4fQx9")).toBe("auto_4fQx9");
    for (const bad of ["//evil.example", "auto_1/../../x", "https://evil.example", ["auto_1"], "", `auto_${"a".repeat(65)}`, undefined])
      expect(automationIdParam(bad)).toBeUndefined();
  });
});
