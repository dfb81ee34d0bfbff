import { describe, expect, it } from "vitest";
import type { TDefinition, TStep } from "./schemas";
import { normalizeDefinition } from "./validate-definition";

const step = (key: string, depends_on: string[], from?: string): TStep => ({
  key,
  type: "action",
  name: key,
  action_kind: "http_request",
  inputs: { url: "https://example.com" },
  depends_on,
  bindings: from ? [{ input_path: "/url", from_step: from, output_path: "/url" }] : [],
  parameter_refs: [],
});
const def = (steps: TStep[]): TDefinition => ({ steps, parameters: [], metadata: { nondeterministic_steps: [], unreviewed_steps: [] } });

describe("normalizeDefinition: bindings read from upstream", () => {
  it("accepts a binding to an ancestor reached only through other steps", () => {
    expect(() => normalizeDefinition(def([step("a", []), step("b", ["a"]), step("c", ["b"]), step("d", ["c"], "a")]))).not.toThrow();
  });

  it("refuses a binding to a step beside it or after it", () => {
    expect(() => normalizeDefinition(def([step("a", []), step("b", ["a"]), step("c", ["a"], "b")]))).toThrow(/not upstream/);
    expect(() => normalizeDefinition(def([step("a", [], "b"), step("b", ["a"])]))).toThrow(/not upstream/);
  });

  it("answers for a long chain without walking it for every binding", () => {
    const steps = [step("s0", [])];
    for (let i = 1; i < 5_000; i++) steps.push(step(`s${i}`, [`s${i - 1}`], i > 1 ? "s0" : undefined));
    expect(normalizeDefinition(def(steps)).steps).toHaveLength(5_000);
  });
});
