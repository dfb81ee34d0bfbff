import type { TDefinition, TStep } from "../../automations/schemas";
import { describeLoopItems } from "../../automations/describe-loop-items";
import { StepError } from "../../errors";
import { setAtPointer } from "../../json";
import { applyTemplates } from "../../engine/apply-templates";
import { BindingError, resolveInputs, type StepState } from "../../engine/plan";
import { resolveLoopItems } from "../../engine/resolve-loop-items";
import { describeInputs, type Unresolved } from "./describe-inputs";

const FINISHED = new Set(["succeeded", "skipped", "failed"]);
const MAX_GATED = 10;

export type GatedStep = {
  key: string;
  name: string | null;
  action_kind: string | null;
  status: string;
  inputs: Record<string, unknown>;
  unresolved: Unresolved[];
  loop: string | null;
  summary: string;
};

/**
 * The action steps a gate holds back: those that depend on it, directly or through conditions and
 * further gates, in definition order.
 */
export function gatedStepsOf(def: TDefinition, gateKey: string): TStep[] {
  const branchTargets = new Map(def.steps.map((c) => [c.key, [...(c.branches?.true ?? []), ...(c.branches?.false ?? [])]]));
  const dependents = (key: string) => def.steps.filter((s) => s.depends_on.includes(key) || (branchTargets.get(key) ?? []).includes(s.key));
  const seen = new Set<string>([gateKey]);
  const found = new Set<string>();
  const queue = [gateKey];
  while (queue.length && found.size < MAX_GATED) {
    for (const s of dependents(queue.shift()!)) {
      if (seen.has(s.key)) continue;
      seen.add(s.key);
      if (s.type === "action") found.add(s.key);
      else queue.push(s.key);
    }
  }
  return def.steps.filter((s) => found.has(s.key));
}

/**
 * What each gated step will be sent, as far as it is known while the gate waits: parameters and
 * finished upstream outputs through the engine's own resolution (resolveInputs, applyTemplates),
 * one binding and one template at a time, so one that cannot be resolved yet is named with its
 * reason instead of hiding the rest. A step that has already started shows the inputs it got.
 */
export async function resolveGatedSteps(r: {
  def: TDefinition;
  gateKey: string;
  states: ReadonlyMap<string, StepState & { inputs?: unknown }>;
  params: Record<string, unknown>;
  now: Date;
}): Promise<GatedStep[]> {
  const out: GatedStep[] = [];
  for (const step of gatedStepsOf(r.def, r.gateKey)) {
    const state = r.states.get(step.key);
    const loop = step.for_each ? loopWords(step, r.states, r.params) : null;
    let inputs: Record<string, unknown>;
    let unresolved: Unresolved[] = [];
    if (state && state.status !== "pending" && state.inputs && typeof state.inputs === "object") {
      inputs = state.inputs as Record<string, unknown>;
    } else {
      ({ inputs, unresolved } = await resolveKnown(step, r));
    }
    out.push({
      key: step.key,
      name: step.name ?? null,
      action_kind: step.action_kind ?? null,
      status: state?.status ?? "pending",
      inputs,
      unresolved,
      loop,
      summary: describeInputs({ stepKey: step.key, inputs, unresolved, loop }),
    });
  }
  return out;
}

function waitingFor(key: string, def: TDefinition) {
  const step = def.steps.find((s) => s.key === key);
  return step?.type === "approval_gate" ? `not known until ${key} is decided` : `not known until ${key} has run`;
}

async function resolveKnown(step: TStep, r: Parameters<typeof resolveGatedSteps>[0]) {
  const unresolved: Unresolved[] = [];
  const finished = (key: string) => FINISHED.has(r.states.get(key)?.status ?? "pending");
  let inputs = resolveInputs({ ...step, bindings: [] }, r.states, r.params);
  for (const b of step.bindings) {
    if (!finished(b.from_step)) {
      unresolved.push({ input_path: b.input_path, reason: waitingFor(b.from_step, r.def) });
      continue;
    }
    try {
      inputs = resolveInputs({ ...step, inputs, parameter_refs: [], bindings: [b] }, r.states, r.params);
    } catch (err) {
      if (!(err instanceof BindingError)) throw err;
      unresolved.push({ input_path: b.input_path, reason: `cannot be resolved: ${err.message}` });
    }
  }
  for (const b of step.for_each?.bind ?? []) unresolved.push({ input_path: b.input_path, reason: "set from each item" });
  const scope = { params: r.params, states: r.states, now: r.now, timeZone: r.def.time_zone ?? "UTC" };
  for (const t of step.templates ?? []) {
    const pending = [...t.template.matchAll(/steps\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!).find((k) => !finished(k));
    if (pending) {
      unresolved.push({ input_path: t.input_path, reason: waitingFor(pending, r.def) });
      continue;
    }
    try {
      inputs = await applyTemplates({ ...step, templates: [t] }, inputs, scope);
    } catch (err) {
      if (!(err instanceof StepError)) throw err;
      unresolved.push({ input_path: t.input_path, reason: `cannot be resolved yet: ${err.message}` });
    }
  }
  // The frozen value at an unresolved path is the recorded one, not what will be sent.
  for (const u of unresolved) inputs = (setAtPointer(inputs, u.input_path, null) as Record<string, unknown> | undefined) ?? inputs;
  return { inputs, unresolved };
}

function loopWords(step: TStep, states: ReadonlyMap<string, StepState>, params: Record<string, unknown>) {
  const from = describeLoopItems(step.for_each!.items);
  try {
    const n = resolveLoopItems(step, states, params).length;
    return `once for each of ${n} item${n === 1 ? "" : "s"} of ${from}`;
  } catch {
    return `once for each item of ${from}`;
  }
}
