import type { TDefinition, TStep } from "../automations/schemas";
import { templateNamesParameter } from "../templates/hole-code";
import { checkTemplate } from "../templates/check-template";
import { canonicalJson, isPlainObject, joinPointer, parsePointer } from "../json";
import { describeLoopItems } from "../automations/describe-loop-items";

// Folds a second run of the same task into an automation: pure, no I/O. Steps are matched by key
// (keys come from tool names and their order, so the same work gives the same keys); frozen inputs
// that differ between the runs become parameters, with the automation's value as the default.

export type MergeDifference = {
  step: string;
  input_path: string;
  parameter: string;
  /** The automation's value, kept as the parameter's default. */
  current: unknown;
  /** The new run's value: pass it as the parameter to reproduce that run. */
  incoming: unknown;
  /** False when the input was a parameter already. */
  new_parameter: boolean;
};

export class MergeMismatchError extends Error {}

export function mergeRun(current: TDefinition, incoming: TDefinition): { definition: TDefinition; differences: MergeDifference[] } {
  const byKey = new Map(current.steps.map((s) => [s.key, s]));
  const problems: string[] = [];
  for (const step of incoming.steps) {
    const mine = byKey.get(step.key);
    if (!mine) problems.push(`step ${step.key} (${step.action_kind ?? step.type}) is not in the automation`);
    else if (mine.type !== step.type || mine.action_kind !== step.action_kind)
      problems.push(`step ${step.key} is ${mine.action_kind ?? mine.type} in the automation but ${step.action_kind ?? step.type} in this run`);
    else if (mine.for_each && !step.for_each && !step.bindings.some((b) => "from_step" in mine.for_each!.items && b.from_step === mine.for_each!.items.from_step))
      problems.push(`step ${step.key} loops over ${describeLoopItems(mine.for_each.items)} in the automation, but in this run it is one call that reads no item of that list`);
  }
  const incomingKeys = new Set(incoming.steps.map((s) => s.key));
  for (const s of current.steps) if (s.source && !incomingKeys.has(s.key)) problems.push(`step ${s.key} (${s.action_kind ?? s.type}) is not in this run`);
  if (problems.length) throw new MergeMismatchError(`This run did different work than the automation: ${problems.join("; ")}`);

  const parameters = current.parameters.map((p) => ({ ...p }));
  const taken = new Set(parameters.map((p) => p.name));
  const differences: MergeDifference[] = [];
  const steps = current.steps.map((step): TStep => {
    const found = incoming.steps.find((s) => s.key === step.key);
    if (!found) return step;
    // A run over a longer list made a loop where the automation has one call (its list had one
    // item): the loop is the better description of both.
    const other = found;
    if (other.for_each && !step.for_each) step = { ...step, for_each: other.for_each, bindings: other.bindings };
    // Bound inputs come from upstream, a loop's from its item; templated ones (a relative date) are meant to differ from day to day.
    const loopBound = [...(step.for_each?.bind ?? []), ...(other.for_each?.bind ?? [])];
    const skip = new Set([...step.bindings, ...other.bindings, ...(step.templates ?? []), ...(other.templates ?? []), ...loopBound].map((b) => b.input_path));
    const refs = [...step.parameter_refs];
    for (const { path, mine, theirs } of differingLeaves(step.inputs, other.inputs)) {
      if ([...skip].some((p) => path === p || path.startsWith(`${p}/`))) continue;
      const existing = refs.find((r) => r.input_path === path);
      const name = existing?.parameter ?? freshName(step.key, path, taken);
      if (!existing) {
        refs.push({ input_path: path, parameter: name });
        parameters.push({ name, type: typeOf(mine), default: mine, description: `${step.key} ${path}: differed between crystallized runs` });
      }
      differences.push({ step: step.key, input_path: path, parameter: name, current: mine, incoming: theirs, new_parameter: !existing });
    }
    // A template only this run inferred (it recognised a date, or an id inside a string, that the
    // first run's data did not show) describes both runs: the automation takes it, flagged for
    // review like every inferred template, with the parameters its holes name.
    const adopted = (other.templates ?? []).filter(
      (t) => t.inferred && ![...(step.templates ?? []), ...step.bindings, ...refs].some((x) => x.input_path === t.input_path),
    );
    for (const t of adopted)
      for (const name of templateParams(t.template))
        if (!taken.has(name)) {
          const theirs = incoming.parameters.find((p) => p.name === name);
          if (!theirs) continue;
          parameters.push(theirs);
          taken.add(name);
        }
    const templated = adopted.length ? { templates: [...(step.templates ?? []), ...adopted] } : {};
    return refs.length === step.parameter_refs.length && !adopted.length ? step : { ...step, parameter_refs: refs, ...templated };
  });
  // A parameter a template uses (a value inside a string) differs by its value: the template stays,
  // and the new run's value is what to pass to reproduce it.
  for (const p of current.parameters) {
    const theirs = incoming.parameters.find((q) => q.name === p.name);
    if (!theirs || canonicalJson(theirs.default) === canonicalJson(p.default)) continue;
    for (const s of current.steps)
      for (const t of s.templates ?? [])
        if (templateNamesParameter(t.template, p.name)) differences.push({ step: s.key, input_path: t.input_path, parameter: p.name, current: p.default, incoming: theirs.default, new_parameter: false });
  }
  return { definition: { ...current, steps, parameters }, differences };
}

/** The parameters a template's holes name, as a save reads them. */
function templateParams(template: string): string[] {
  const checked = checkTemplate({ template, sql: false });
  return "refs" in checked ? checked.refs.params : [];
}

/** Paths where two input trees differ, as deep as their shapes agree. */
function differingLeaves(a: unknown, b: unknown, path = ""): { path: string; mine: unknown; theirs: unknown }[] {
  if (canonicalJson(a) === canonicalJson(b)) return [];
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    // A key only one run has cannot be a parameter of both; it stays as the automation has it.
    return keys.filter((k) => k in a && k in b).flatMap((k) => differingLeaves(a[k], b[k], joinPointer(path, k)));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((v, i) => differingLeaves(v, b[i], joinPointer(path, i)));
  return path === "" ? [] : [{ path, mine: a, theirs: b }];
}

function freshName(stepKey: string, path: string, taken: Set<string>): string {
  const segments = parsePointer(path) ?? [];
  const last = [...segments].reverse().find((s) => !/^\d+$/.test(s)) ?? "value";
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  const candidates = [clean(last), `${stepKey}_${clean(segments.join("_"))}`].map((c) => (/^[a-z]/.test(c) ? c : `p_${c}`).slice(0, 80));
  // `now` in a run's input is its logical time, never a parameter.
  let name = candidates.find((c) => c.length > 2 && c !== "now" && !taken.has(c)) ?? candidates[1]!;
  for (let n = 2; taken.has(name); n++) name = `${candidates[1]!.slice(0, 76)}_${n}`;
  taken.add(name);
  return name;
}

const typeOf = (v: unknown): "string" | "number" | "boolean" | "json" =>
  typeof v === "string" ? "string" : typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "json";
