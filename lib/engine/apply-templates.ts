// A step's templates, rendered into its resolved inputs just before it runs. Holes are JSONata,
// evaluated by the engine's sandbox (bounded ones in-process, the rest in an evaluator process with
// a deadline), over `{ params, steps, item, now }`, with `$relativeDate` counted from the run's
// logical time in the automation's zone.
import type { TStep } from "../automations/schemas";
import { relativeDateFunction } from "../dates/relative-date-function";
import { StepError } from "../errors";
import { setAtPointer } from "../json";
import { parseTemplate } from "../templates/parse-template";
import { sqlInputMode } from "../templates/sql-input-mode";
import { renderSql, renderSqlText, renderText, TemplateError } from "../templates/render-template";
import { evaluate } from "./executors/expression";
import { config } from "../config";
import type { StepState } from "./plan";

export type TemplateScope = {
  params: Record<string, unknown>;
  states: ReadonlyMap<string, StepState>;
  now: Date;
  timeZone: string;
  item?: unknown;
  signal?: AbortSignal;
};


/** What a hole sees: `steps.<key>.output` holds each finished upstream step's output. */
function holeData(scope: TemplateScope) {
  const steps: Record<string, { output: unknown }> = {};
  for (const [key, s] of scope.states) if (s.status === "succeeded") steps[key] = { output: s.output };
  return { params: scope.params, steps, now: scope.now.toISOString(), ...(scope.item !== undefined ? { item: scope.item } : {}) };
}

export async function applyTemplates(step: TStep, inputs: Record<string, unknown>, scope: TemplateScope): Promise<Record<string, unknown>> {
  if (!step.templates?.length) return inputs;
  const data = holeData(scope);
  // One deadline for all of a step's templates, not one per hole.
  const signal = AbortSignal.any([scope.signal ?? new AbortController().signal, AbortSignal.timeout(config.expressionTimeoutMs)]);
  const functions = { relativeDate: relativeDateFunction({ now: scope.now, timeZone: scope.timeZone }) };
  let out: Record<string, unknown> = inputs;
  for (const t of step.templates) {
    const parsed = parseTemplate({ template: t.template });
    if (!parsed.ok) throw new StepError(`the template at input ${t.input_path}: ${parsed.problem}`, false);
    const evaluateHole = (hole: string) => {
      if (signal.aborted) throw new TemplateError(`rendering took longer than ${config.expressionTimeoutMs} ms`);
      return evaluate(hole, data, out, { step, signal }, functions);
    };
    const mode = sqlInputMode({ kind: step.action_kind ?? "", path: t.input_path, template: t.template });
    try {
      if (mode === "bound") {
        const bound = Array.isArray(out.params) ? out.params : [];
        const { sql, params } = await renderSql({ parts: parsed.parts, evaluate: evaluateHole, first: bound.length + 1 });
        out = { ...out, sql, params: [...bound, ...params] };
      } else {
        const value = await (mode === "text" ? renderSqlText : renderText)({ parts: parsed.parts, evaluate: evaluateHole });
        const next = setAtPointer(out, t.input_path, value);
        if (next === undefined) throw new TemplateError(`the path runs through a value that is not an object or array`);
        out = next as Record<string, unknown>;
      }
    } catch (err) {
      if (err instanceof TemplateError || err instanceof StepError) throw new StepError(`the template at input ${t.input_path}: ${err.message}`, false);
      throw err;
    }
  }
  return out;
}
