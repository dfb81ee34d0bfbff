import { describe, expect, it } from "vitest";
import { ZDefinition } from "../automations/schemas";
import { addStep, setInputs } from "./graph";
import { draftProblems } from "./draft-problems";

const saved = ZDefinition.parse({
  steps: [
    { key: "query", type: "action", action_kind: "run_sql", inputs: { sql: "select 1", data_source: "missing" } },
    { key: "ticket", type: "action", action_kind: "create_ticket", inputs: { title: "x" }, depends_on: ["query"] },
  ],
});
const savedProblems = new Map([["query", 'invalid inputs: inputs.data_source: "missing" is not configured']]);

describe("draft problems", () => {
  it("is the saved check while nothing changed", () => {
    expect(draftProblems({ saved, draft: saved, savedProblems, tools: new Set() })).toBe(savedProblems);
  });

  it("keeps the saved verdict for untouched steps and checks the changed and new ones in the browser", () => {
    let draft = setInputs(saved, "ticket", { title: "y" });
    draft = addStep(draft, { type: "action", action_kind: "http_request", inputs: { method: "GET" } }).def;
    const out = draftProblems({ saved, draft, savedProblems, tools: new Set() });
    expect(out.get("query")).toBe(savedProblems.get("query"));
    expect(out.get("ticket")).toBe('unbound tool: no tool provider offers "create_ticket"');
    expect(out.get("http_request_1")).toMatch(/^invalid inputs: inputs\.url: /);
    // A provider offering the tool clears it.
    expect(draftProblems({ saved, draft, savedProblems, tools: new Set(["create_ticket"]) }).has("ticket")).toBe(false);
  });

  it("clears a problem the edit fixed", () => {
    const broken = ZDefinition.parse({ steps: [{ key: "t", type: "action", action_kind: "transform", inputs: { data: 1 } }] });
    const fixed = setInputs(broken, "t", { expression: "$", data: 1 });
    const out = draftProblems({ saved: broken, draft: fixed, savedProblems: new Map([["t", "invalid inputs: inputs.expression: required"]]), tools: new Set() });
    expect(out.size).toBe(0);
  });
});
