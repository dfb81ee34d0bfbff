import { createHash } from "node:crypto";
import { getActionKind } from "../actions/registry";
import { ApiError } from "../errors";
import { canonicalJson } from "../json";
import { isFreshReview, reviewedPart } from "./reviewed-part";
import { deriveMetadata } from "./derive-metadata";
import { RESERVED_INPUT_KEYS } from "./schemas";
import { checkTemplate } from "../templates/check-template";
import { SQL_KINDS } from "../templates/sql-kinds";
import type { TDefinition, TStep } from "./schemas";

export const contentHash = (value: unknown) => createHash("sha256").update(canonicalJson(value)).digest("hex");

/** What a review vouches for: the step's inputs, and its templates and loop when it has them. */
export const reviewHash = (step: Pick<TStep, "inputs" | "templates" | "for_each">) => contentHash(reviewedPart(step));

/** Inputs that are code or a statement: no template or loop item may replace them. */
function codeInputProblem(s: TStep, path: string): string | undefined {
  if (SQL_KINDS.has(s.action_kind ?? "") && path !== "/sql" && (path === "/params" || path.startsWith("/params/") || "/sql".startsWith(path)))
    return "in a SQL step only /sql (or another plain input) may be a template";
  if ((s.type === "condition" || s.action_kind === "transform") && (path === "/expression" || path.startsWith("/expression/")))
    return "an expression is code: use $inputs in it instead of a template";
  return undefined;
}

const invalid = (step: TStep, index: number, field: string, message: string) =>
  new ApiError("validation_error", `Step "${step.key}" (steps[${index}]): ${message}`, {
    step: step.key,
    field: `definition.steps[${index}]${field}`,
  });

/**
 * Normalises a definition and checks it is a DAG the engine can run. Pure.
 * - condition branch targets depend on their condition;
 * - kinds registered as non-deterministic are flagged, and a flag the previous version had is
 *   kept: only a review clears it from the unreviewed list;
 * - a review stays valid only while the step's inputs are the ones reviewed;
 * - metadata is derived.
 * Throws a 422 naming the offending step.
 */
/**
 * `stamp`: who saves, and when. A review the editor marked on unsaved edits arrives without a
 * hash (or with the editor's own, `local:`, still matching): it becomes that person's review of
 * the inputs saved. Any other review must match the inputs it was made of.
 */
export function normalizeDefinition(def: TDefinition, previous?: TDefinition, stamp?: { reviewer: string; at: string }): TDefinition {
  const prevSteps = new Map(previous?.steps.map((s) => [s.key, s]));
  const steps = def.steps.map((step) => {
    const out: TStep = { ...step, depends_on: [...new Set(step.depends_on)] };
    const prev = prevSteps.get(step.key);
    if (!out.nondeterministic && prev?.nondeterministic) out.nondeterministic = prev.nondeterministic;
    const spec = out.type === "action" && out.action_kind ? getActionKind(out.action_kind) : undefined;
    if (!out.nondeterministic && spec && !spec.deterministic)
      out.nondeterministic = { reason: spec.nondeterministicReason ?? `${out.action_kind} is not deterministic`, inputs: [] };
    if (out.reviewed && stamp && isFreshReview(out, prev)) out.reviewed = { by: stamp.reviewer, at: stamp.at, inputs_hash: reviewHash(out) };
    else if (out.reviewed && out.reviewed.inputs_hash !== reviewHash(out)) delete out.reviewed;
    return out;
  });
  const byKey = new Map<string, number>();
  steps.forEach((s, i) => {
    if (byKey.has(s.key)) throw invalid(s, i, ".key", `the key is used by steps[${byKey.get(s.key)}] too`);
    byKey.set(s.key, i);
  });
  steps.forEach((s, i) => {
    for (const [branch, targets] of Object.entries(s.branches ?? {})) {
      targets.forEach((t, j) => {
        const ti = byKey.get(t);
        if (ti === undefined) throw invalid(s, i, `.branches.${branch}[${j}]`, `branch target "${t}" does not exist`);
        if (t === s.key) throw invalid(s, i, `.branches.${branch}[${j}]`, "a condition cannot branch to itself");
        const target = steps[ti]!;
        if (!target.depends_on.includes(s.key)) target.depends_on.push(s.key);
      });
    }
  });
  steps.forEach((s, i) =>
    s.depends_on.forEach((d, j) => {
      if (d === s.key) throw invalid(s, i, `.depends_on[${j}]`, "a step cannot depend on itself");
      if (!byKey.has(d)) throw invalid(s, i, `.depends_on[${j}]`, `depends on "${d}", which does not exist`);
    }),
  );
  const upstream = upstreamCheck(steps, byKey, checkAcyclic(steps, byKey));

  const paramNames = new Set<string>();
  def.parameters.forEach((p, i) => {
    if ((RESERVED_INPUT_KEYS as readonly string[]).includes(p.name))
      throw new ApiError("validation_error", `parameters[${i}].name: "${p.name}" is reserved: \`now\` in a run's input sets its logical time`, { field: `definition.parameters[${i}].name` });
    if (paramNames.has(p.name))
      throw new ApiError("validation_error", `parameters[${i}].name: "${p.name}" is used twice`, { field: `definition.parameters[${i}].name` });
    paramNames.add(p.name);
  });
  steps.forEach((s, i) => {
    s.bindings.forEach((b, j) => {
      if (!byKey.has(b.from_step)) throw invalid(s, i, `.bindings[${j}].from_step`, `binds to "${b.from_step}", which does not exist`);
      if (!upstream(b.from_step, i))
        throw invalid(s, i, `.bindings[${j}].from_step`, `binds to "${b.from_step}", which is not upstream of it`);
    });
    s.parameter_refs.forEach((r, j) => {
      if (!paramNames.has(r.parameter)) throw invalid(s, i, `.parameter_refs[${j}].parameter`, `uses parameter "${r.parameter}", which is not declared`);
    });
    const templated = new Set<string>();
    s.templates?.forEach((t, j) => {
      const field = `.templates[${j}].template`;
      const pathField = `.templates[${j}].input_path`;
      if (templated.has(t.input_path)) throw invalid(s, i, pathField, `${t.input_path} has a template already`);
      templated.add(t.input_path);
      // A template renders one string input: never the whole inputs, never code a step runs as such.
      if (t.input_path === "") throw invalid(s, i, pathField, "a template renders one input, not all of them");
      const code = codeInputProblem(s, t.input_path);
      if (code) throw invalid(s, i, pathField, code);
      const checked = checkTemplate({ template: t.template, sql: SQL_KINDS.has(s.action_kind ?? "") && t.input_path === "/sql" });
      if ("problem" in checked) throw invalid(s, i, field, checked.problem);
      for (const key of checked.refs.steps) {
        if (!byKey.has(key)) throw invalid(s, i, field, `names steps.${key}, which does not exist`);
        if (!upstream(key, i)) throw invalid(s, i, field, `names steps.${key}, which is not upstream of it (add it to depends_on)`);
      }
      for (const name of checked.refs.params)
        if (!paramNames.has(name)) throw invalid(s, i, field, `names params.${name}, which is not declared`);
    });
  });
  steps.forEach((s, i) => checkLoop(s, i, { byKey, upstream, parameters: def.parameters }));
  return { steps, parameters: def.parameters, ...(def.time_zone ? { time_zone: def.time_zone } : {}), metadata: deriveMetadata(steps) };
}

/** A for_each reads a list from upstream or from a parameter that can hold one, and binds items into plain inputs only. */
function checkLoop(s: TStep, i: number, d: { byKey: Map<string, number>; upstream: Upstream; parameters: TDefinition["parameters"] }) {
  const loop = s.for_each;
  if (!loop) return;
  const items = loop.items;
  if ("parameter" in items) {
    const p = d.parameters.find((x) => x.name === items.parameter);
    if (!p) throw invalid(s, i, ".for_each.items.parameter", `loops over parameter "${items.parameter}", which is not declared`);
    if (p.type !== "json") throw invalid(s, i, ".for_each.items.parameter", `loops over parameter "${p.name}", which is a ${p.type}, not a list (make it json)`);
    if (p.default !== undefined && !Array.isArray(p.default))
      throw invalid(s, i, ".for_each.items.parameter", `loops over parameter "${p.name}", whose default is not a list`);
  } else {
    if (!d.byKey.has(items.from_step)) throw invalid(s, i, ".for_each.items.from_step", `loops over "${items.from_step}", which does not exist`);
    if (!d.upstream(items.from_step, i))
      throw invalid(s, i, ".for_each.items.from_step", `loops over "${items.from_step}", which is not upstream of it (add it to depends_on)`);
  }
  const taken = new Set([...s.bindings.map((b) => b.input_path), ...s.parameter_refs.map((r) => r.input_path)]);
  loop.bind.forEach((b, j) => {
    const field = `.for_each.bind[${j}].input_path`;
    const code = codeInputProblem(s, b.input_path);
    if (code) throw invalid(s, i, field, code.replace("may be a template", "may take a loop item"));
    if (taken.has(b.input_path)) throw invalid(s, i, field, `${b.input_path} is fed by a binding or a parameter already`);
    taken.add(b.input_path);
  });
}

/**
 * Kahn's algorithm; on a cycle, names a step on it. Returns each step's place in the order found,
 * which puts every step after all of its dependencies.
 */
function checkAcyclic(steps: TStep[], byKey: Map<string, number>): number[] {
  const indegree = steps.map((s) => s.depends_on.length);
  const dependents: number[][] = steps.map(() => []);
  steps.forEach((s, i) => s.depends_on.forEach((d) => dependents[byKey.get(d)!]!.push(i)));
  const queue = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  const rank = new Array<number>(steps.length);
  let seen = 0;
  while (queue.length) {
    const i = queue.pop()!;
    rank[i] = seen++;
    for (const j of dependents[i]!) if (--indegree[j]! === 0) queue.push(j);
  }
  if (seen === steps.length) return rank;
  const i = indegree.findIndex((d) => d > 0);
  // Walk back along unresolved dependencies until a step repeats: that step is on the cycle.
  const visited = new Set<number>();
  let at = i;
  while (!visited.has(at)) {
    visited.add(at);
    at = byKey.get(steps[at]!.depends_on.find((d) => indegree[byKey.get(d)!]! > 0)!)!;
  }
  throw invalid(steps[at]!, at, ".depends_on", "the dependencies form a cycle through this step");
}

/** Whether step `ancestor` is upstream of step `from` (reached through depends_on). */
type Upstream = (ancestor: string, from: number) => boolean;

/**
 * `rank`: checkAcyclic's order. A draft of 10,000 steps asks this for every binding, and a walk of
 * all ancestors each time was quadratic (seconds). Most asks name a direct dependency; for the
 * rest, every step's ancestors are worked out once, as bit sets, in rank order.
 */
function upstreamCheck(steps: TStep[], byKey: Map<string, number>, rank: number[]): Upstream {
  let ancestors: Uint32Array[] | undefined;
  return (ancestor, from) => {
    const target = byKey.get(ancestor);
    if (target === undefined || rank[target]! >= rank[from]!) return false;
    if (steps[from]!.depends_on.includes(ancestor)) return true;
    ancestors ??= ancestorSets(steps, byKey, rank);
    return (ancestors[from]![target >>> 5]! & (1 << (target & 31))) !== 0;
  };
}

function ancestorSets(steps: TStep[], byKey: Map<string, number>, rank: number[]): Uint32Array[] {
  const words = (steps.length + 31) >>> 5;
  const sets = steps.map(() => new Uint32Array(words));
  const order = steps.map((_, i) => i).sort((a, b) => rank[a]! - rank[b]!);
  for (const i of order) {
    const set = sets[i]!;
    for (const d of steps[i]!.depends_on) {
      const j = byKey.get(d)!;
      const from = sets[j]!;
      for (let w = 0; w < words; w++) set[w]! |= from[w]!;
      set[j >>> 5]! |= 1 << (j & 31);
    }
  }
  return sets;
}
