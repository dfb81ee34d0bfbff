import { getActionKind, isPseudoTool, type BuiltinActionKind } from "../actions/registry";
import type { TStep } from "../automations/schemas";
import { bindStep, type loadProviders } from "../tool-providers/load-providers";
import { BUILTIN_EXECUTORS } from "./executors/index";
import { callProviderTool } from "./executors/tools";
import { StepError } from "../errors";
import { type Executor } from "./executors/types";

/** The executor of a step: its built-in kind's, or a call to the tool provider it binds to. */
export async function executorFor(step: TStep, providers: () => ReturnType<typeof loadProviders>): Promise<Executor> {
  const kind = step.type === "condition" ? "condition" : step.action_kind!;
  if (getActionKind(kind)) return BUILTIN_EXECUTORS[kind as Exclude<BuiltinActionKind, "approval_gate">];
  const bound = bindStep(step, await providers());
  // A think/calculate step with no tool behind it does nothing: the run made it to reason aloud.
  if (!bound && isPseudoTool(kind)) return async () => null;
  if (!bound) throw new StepError(`no tool provider offers "${kind}": register one, or bind the step to one`, false);
  return (inputs, ctx) => callProviderTool(bound.id, bound.config, kind, inputs, ctx);
}
