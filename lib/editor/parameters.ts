// Parameter edits for the editor's Parameters panel: each a function from one definition to the
// next, like the graph's edits. A rename follows the parameter into every step that uses it,
// parameter references and template holes alike.
import type { TDefinition, TParameter } from "../automations/schemas";
import { mapStep } from "./graph";
import { renameParameterInTemplate, templateNamesParameter } from "../templates/hole-code";

export type ParameterUse = { step: string; input_path: string; via: "input" | "template" };

/** Where a parameter is used: inputs it fills, and templates whose holes name it. */
export function usesOf(def: TDefinition, name: string): ParameterUse[] {
  return def.steps.flatMap((s) => [
    ...s.parameter_refs.filter((r) => r.parameter === name).map((r) => ({ step: s.key, input_path: r.input_path, via: "input" as const })),
    ...(s.templates ?? []).filter((t) => templateNamesParameter(t.template, name)).map((t) => ({ step: s.key, input_path: t.input_path, via: "template" as const })),
  ]);
}

export function freshParameterName(def: TDefinition, base = "param"): string {
  const taken = new Set(def.parameters.map((p) => p.name));
  for (let n = 1; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function addParameter(def: TDefinition, parameter: TParameter): TDefinition {
  return { ...def, parameters: [...def.parameters, parameter] };
}

/** Changes a parameter; a new name is carried into every use. */
export function updateParameter(def: TDefinition, name: string, patch: Partial<TParameter>): TDefinition {
  const next = { ...def, parameters: def.parameters.map((p) => (p.name === name ? { ...p, ...patch } : p)) };
  const to = patch.name;
  if (!to || to === name) return next;
  return {
    ...next,
    steps: next.steps.map((s) => ({
      ...s,
      parameter_refs: s.parameter_refs.map((r) => (r.parameter === name ? { ...r, parameter: to } : r)),
      ...(s.templates ? { templates: s.templates.map((t) => ({ ...t, template: renameParameterInTemplate(t.template, name, to) })) } : {}),
    })),
  };
}

/** Drops a parameter and the inputs it filled (they keep their frozen values). Templates that name it block this: see usesOf. */
export function removeParameter(def: TDefinition, name: string): TDefinition {
  return {
    ...def,
    parameters: def.parameters.filter((p) => p.name !== name),
    steps: def.steps.map((s) => (s.parameter_refs.some((r) => r.parameter === name) ? { ...s, parameter_refs: s.parameter_refs.filter((r) => r.parameter !== name) } : s)),
  };
}

/** Feeds one input from a parameter (or, with null, freezes it again). */
export function feedFromParameter(def: TDefinition, key: string, inputPath: string, name: string | null): TDefinition {
  return mapStep(def, key, (s) => ({
    ...s,
    parameter_refs: [...s.parameter_refs.filter((r) => r.input_path !== inputPath), ...(name ? [{ input_path: inputPath, parameter: name }] : [])],
  }));
}
