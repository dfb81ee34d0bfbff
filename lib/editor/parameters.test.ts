import { describe, expect, it } from "vitest";
import { renameParameterInTemplate, templateNamesParameter } from "../templates/hole-code";
import type { TDefinition, TStep } from "../automations/schemas";
import { addParameter, feedFromParameter, removeParameter, updateParameter, usesOf } from "./parameters";
import { freezeTemplate, setTemplate, viewTemplate } from "./templates";

const step = (key: string, extra: Partial<TStep> = {}): TStep => ({ key, type: "action", action_kind: "send_email", inputs: { subject: "Your refund for ORD-1042", to: "jane@example.com" }, depends_on: [], bindings: [], parameter_refs: [], ...extra });
const def = (steps: TStep[], parameters: TDefinition["parameters"] = []): TDefinition => ({ steps, parameters, metadata: { nondeterministic_steps: [], unreviewed_steps: [] } });

describe("parameters in the editor", () => {
  const base = def(
    [
      step("email", { parameter_refs: [{ input_path: "/to", parameter: "customer" }], templates: [{ input_path: "/subject", template: "Your refund for {{ params.order }} ({{ params.order_total }})" }] }),
      step("other", { parameter_refs: [{ input_path: "/to", parameter: "customer" }] }),
    ],
    [
      { name: "customer", type: "string", default: "jane@example.com" },
      { name: "order", type: "string", default: "ORD-1042" },
      { name: "order_total", type: "number", default: 89 },
    ],
  );

  it("finds every use, inputs and template holes, without confusing a name with a longer one", () => {
    expect(usesOf(base, "customer")).toEqual([
      { step: "email", input_path: "/to", via: "input" },
      { step: "other", input_path: "/to", via: "input" },
    ]);
    expect(usesOf(base, "order")).toEqual([{ step: "email", input_path: "/subject", via: "template" }]);
  });

  it("carries a rename into references and holes, and only the renamed one", () => {
    const next = updateParameter(base, "order", { name: "order_id" });
    expect(next.parameters.map((p) => p.name)).toEqual(["customer", "order_id", "order_total"]);
    expect(next.steps[0]!.templates![0]!.template).toBe("Your refund for {{ params.order_id }} ({{ params.order_total }})");
    const renamed = updateParameter(base, "customer", { name: "recipient" });
    expect(renamed.steps.map((s) => s.parameter_refs)).toEqual([[{ input_path: "/to", parameter: "recipient" }], [{ input_path: "/to", parameter: "recipient" }]]);
  });

  it("adds, feeds an input from, and removes a parameter; removing leaves the frozen values", () => {
    let next = addParameter(def([step("email")]), { name: "region", type: "string", default: "Europe" });
    next = feedFromParameter(next, "email", "/to", "region");
    expect(next.steps[0]!.parameter_refs).toEqual([{ input_path: "/to", parameter: "region" }]);
    next = removeParameter(next, "region");
    expect(next.parameters).toEqual([]);
    expect(next.steps[0]!.parameter_refs).toEqual([]);
    expect(next.steps[0]!.inputs.to).toBe("jane@example.com");
  });
});

describe("templates in the editor", () => {
  it("previews relative dates at a time in the automation's zone, parameters by their default, other holes as written", () => {
    const d = { ...def([step("q")], [{ name: "region", type: "string" as const, default: "Europe" }]), time_zone: "Europe/Berlin" };
    const view = viewTemplate(
      { input_path: "/sql", template: 'x >= {{ $relativeDate({"unit":"month","offset":-1,"edge":"start"}) }} AND r = {{ params.region }} AND n = {{ steps.a.output.n }}' },
      { def: d, at: new Date("2026-11-30T23:30:00Z") },
    );
    // 23:30 UTC on 30 November is December in Berlin: last month is November.
    expect(view.preview).toBe("x >= 2026-11-01 AND r = Europe AND n = {{ steps.a.output.n }}");
    expect(view.holes.map((h) => h.relation ?? h.hole)).toEqual(["start of previous month", "params.region", "steps.a.output.n"]);
    // As SQL, text values show as the literals they stand for.
    expect(viewTemplate(view.template, { def: d, at: new Date("2026-11-30T23:30:00Z"), sql: true }).preview).toBe("x >= '2026-11-01' AND r = 'Europe' AND n = {{ steps.a.output.n }}");
  });

  it("previews SQL a tool receives as text as the engine renders it: a literal hole quoted, a date inside quotes as is", () => {
    const d = def([step("q")], [{ name: "region", type: "string" as const, default: "Europe" }]);
    const template = { input_path: "/sql", template: `SELECT * FROM t WHERE r = {{ params.region }} AND x >= '{{ $relativeDate({"unit":"month","offset":-1,"edge":"start"}) }}'` };
    expect(viewTemplate(template, { def: d, at: new Date("2026-11-30T12:00:00Z"), sql: "text" }).preview).toBe("SELECT * FROM t WHERE r = 'Europe' AND x >= '2026-10-01'");
  });

  it("sets and freezes a template, keeping the recorded value in the inputs", () => {
    const d = setTemplate(def([step("email")]), "email", "/subject", "Refund {{ params.order }}");
    expect(d.steps[0]!.templates).toEqual([{ input_path: "/subject", template: "Refund {{ params.order }}" }]);
    const frozen = freezeTemplate(d, "email", "/subject");
    expect(frozen.steps[0]!.templates).toBeUndefined();
    expect(frozen.steps[0]!.inputs.subject).toBe("Your refund for ORD-1042");
  });
});

describe("a rename inside templates", () => {
  it("renames the parameter in holes' code, not in the text around them nor in a string literal", () => {
    const template = 'Refund params.order_id for {{ params.order_id }}: {{ "params.order_id" & params.order_id_2 & $string(params.order_id) }}';
    expect(renameParameterInTemplate(template, "order_id", "ref")).toBe('Refund params.order_id for {{ params.ref }}: {{ "params.order_id" & params.order_id_2 & $string(params.ref) }}');
    expect(templateNamesParameter('{{ "params.x" }} params.x', "x")).toBe(false);
    expect(templateNamesParameter("{{ $uppercase(params.x) }}", "x")).toBe(true);
  });
});
