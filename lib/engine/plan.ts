import type { TDefinition, TStep } from "../automations/schemas";
import { getAtPointer, setAtPointer } from "../json";
import { applyExtract, describeExtract } from "../automations/extract";

// The engine's decisions, as pure functions of a definition and the steps' states: which steps
// can start, which are skipped, how the run ends, and what inputs a step gets. The runner only
// persists and executes what these say, so the rules are tested without a database.

export type StepStatus = "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "canceled";

export type StepState = {
  status: StepStatus;
  /** The latest attempt made (0: none yet); the next one is attempt + 1. */
  attempt: number;
  output?: unknown;
  error?: string | null;
  nextAttemptAt?: Date | null;
};

export type Outcome =
  | { status: "succeeded" }
  | { status: "failed"; step: string; error: string }
  | { status: "canceled"; step: string; error: string }
  | { status: "waiting_for_approval" };

export type Plan = {
  /** Steps whose dependencies are done, in definition order. */
  ready: TStep[];
  /** Pending steps that will never run: their branch was not taken, or the run is ending. */
  skip: string[];
  /** Set when nothing is left to start and nothing is in flight. */
  outcome?: Outcome;
};

const DONE: ReadonlySet<StepStatus> = new Set(["succeeded", "failed", "skipped", "canceled"]);

/** A failure that ends the run: a failed step without continue-on-error. */
function stoppingFailure(def: TDefinition, states: ReadonlyMap<string, StepState>) {
  for (const step of def.steps) {
    const s = states.get(step.key);
    if (s?.status === "failed" && !step.continue_on_error) return { step, error: s.error ?? "failed" };
  }
  return undefined;
}

/** The branch a finished condition took, from its output. */
const takenBranch = (output: unknown) => ((output as { result?: unknown } | null)?.result ? "true" : "false");

export function planRun(def: TDefinition, states: ReadonlyMap<string, StepState>, inFlight: ReadonlySet<string> = new Set()): Plan {
  const byKey = new Map(def.steps.map((s) => [s.key, s]));
  // A branch target depends on its condition even if a hand-written definition forgot to say so.
  const deps = new Map(def.steps.map((s) => [s.key, new Set(s.depends_on)]));
  for (const c of def.steps) for (const t of [...(c.branches?.true ?? []), ...(c.branches?.false ?? [])]) deps.get(t)?.add(c.key);
  const depsOf = (step: TStep) => [...deps.get(step.key)!];
  const status = (key: string) => (inFlight.has(key) ? "running" : (states.get(key)?.status ?? "pending"));
  const failure = stoppingFailure(def, states);
  const ready: TStep[] = [];
  const skip: string[] = [];

  if (failure) {
    for (const step of def.steps) if (status(step.key) === "pending") skip.push(step.key);
  } else {
    // Skips decided in this pass count for steps later in the pass; repeat until stable, since
    // definition order need not be topological.
    const skipped = new Set<string>();
    const isSkipped = (key: string) => skipped.has(key) || status(key) === "skipped";
    let changed = true;
    while (changed) {
      changed = false;
      for (const step of def.steps) {
        if (status(step.key) !== "pending" || skipped.has(step.key)) continue;
        const offBranch = depsOf(step).some((d) => {
          const dep = byKey.get(d);
          if (dep?.type !== "condition" || status(d) !== "succeeded") return false;
          const untaken = takenBranch(states.get(d)?.output) === "true" ? dep.branches?.false : dep.branches?.true;
          return untaken?.includes(step.key) ?? false;
        });
        const allDepsSkipped = depsOf(step).length > 0 && depsOf(step).every(isSkipped);
        if (offBranch || allDepsSkipped) {
          skipped.add(step.key);
          changed = true;
        }
      }
    }
    skip.push(...skipped);
    for (const step of def.steps) {
      if (status(step.key) !== "pending" || skipped.has(step.key)) continue;
      if (depsOf(step).every((d) => DONE.has(status(d) as StepStatus))) ready.push(step);
    }
  }

  if (ready.length > 0 || inFlight.size > 0) return { ready, skip };
  if (failure) {
    const ended = failure.step.type === "approval_gate" && failure.step.inputs.on_reject === "end";
    return { ready, skip, outcome: { status: ended ? "canceled" : "failed", step: failure.step.key, error: failure.error } };
  }
  const left = def.steps.filter((s) => !skip.includes(s.key) && !DONE.has(status(s.key) as StepStatus));
  if (left.some((s) => status(s.key) === "waiting")) return { ready, skip, outcome: { status: "waiting_for_approval" } };
  if (left.length > 0) {
    // Only reachable with a corrupt state (e.g. a dependency on a missing step): fail loudly.
    const stuck = left[0]!;
    return { ready, skip, outcome: { status: "failed", step: stuck.key, error: `step "${stuck.key}" can never start` } };
  }
  return { ready, skip, outcome: { status: "succeeded" } };
}

export class BindingError extends Error {}

/** Parameter values of a run: the input's value for each declared parameter, else its default. */
export function resolveParameters(def: TDefinition, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of def.parameters) {
    if (Object.hasOwn(input, p.name)) out[p.name] = input[p.name];
    else if (p.default !== undefined) out[p.name] = p.default;
  }
  return out;
}

/**
 * A step's inputs at run time: the frozen inputs, with parameter values and then upstream outputs
 * put in at their paths. A binding to a skipped step, or a failed one that was allowed to fail,
 * reads null; a binding whose path the upstream output lacks is an error naming both.
 */
export function resolveInputs(
  step: TStep,
  states: ReadonlyMap<string, StepState>,
  params: Record<string, unknown>,
): Record<string, unknown> {
  let inputs: unknown = step.inputs;
  for (const ref of step.parameter_refs) {
    if (!Object.hasOwn(params, ref.parameter)) continue;
    inputs = place(inputs, ref.input_path, params[ref.parameter], `parameter "${ref.parameter}"`);
  }
  for (const b of step.bindings) {
    const upstream = states.get(b.from_step);
    let value: unknown = null;
    if (upstream?.status === "succeeded") {
      value = getAtPointer(upstream.output, b.output_path);
      if (value === undefined)
        throw new BindingError(
          `input ${b.input_path || "/"} is bound to ${b.from_step}${b.output_path}, but that step's output has no ${b.output_path || "value"}`,
        );
      if (b.extract) {
        const cut = applyExtract(value, b.extract);
        if ("problem" in cut)
          throw new BindingError(
            `input ${b.input_path || "/"} is bound to ${describeExtract(b.extract)} ${b.from_step}${b.output_path || " output"}, but that output ${cut.problem}`,
          );
        value = cut.value;
      }
    } else if (upstream?.status !== "skipped" && upstream?.status !== "failed") {
      throw new BindingError(`input ${b.input_path || "/"} is bound to ${b.from_step}, which has not finished`);
    }
    inputs = place(inputs, b.input_path, value, `binding from ${b.from_step}`);
  }
  return inputs as Record<string, unknown>;
}

function place(inputs: unknown, path: string, value: unknown, what: string) {
  const next = setAtPointer(inputs, path, value);
  if (next === undefined) throw new BindingError(`cannot put ${what} at input ${path}: the path runs through a value that is not an object or array`);
  return next;
}

/** Wait before the next attempt, after `failures` failed ones. */
export function backoffMs(step: TStep, failures: number): number {
  const r = step.retry;
  if (!r) return 0;
  const ms = r.backoff === "exponential" ? r.backoff_ms * 2 ** Math.max(0, failures - 1) : r.backoff_ms;
  return Math.min(ms, 300_000);
}

export const maxAttempts = (step: TStep) => 1 + (step.retry?.max_retries ?? 0);
