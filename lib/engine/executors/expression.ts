import jsonata from "jsonata";
import { config } from "../../config";
import { BOUNDED_FUNCTIONS, boundedExpression } from "../expressions/bounded";
import { evaluateIsolated } from "../expressions/pool";
import { StepError } from "../../errors";
import { type ExecContext, type Executor } from "./types";

// transform and condition: JSONata, a sandboxed expression language (no eval, no I/O). It is
// evaluated in a child process with a deadline and a heap limit (../expressions/pool.ts), since an
// expression can loop or allocate without end and JSONata has no way to stop itself. Expressions
// that provably cannot (paths and arithmetic, ../expressions/bounded.ts) run here instead.

/** The evaluation's deadline: the step's own timeout when smaller than the instance's cap. */
function deadlineOf(ctx?: Pick<ExecContext, "step">) {
  const cap = config.expressionTimeoutMs;
  const own = ctx?.step.timeout_ms;
  return own ? Math.min(own, cap) : cap;
}

type Functions = Partial<Record<string, (...args: never[]) => unknown>>;

/**
 * Evaluates over `data`, with `$inputs` bound to all the step's inputs; the result is plain JSON.
 * `functions` (of BOUNDED_FUNCTIONS) are bound only in-process, in calls with bounded arguments.
 * Undefined when the expression names nothing (a missing path).
 */
export function evaluate(
  expression: string,
  data: unknown,
  inputs: Record<string, unknown>,
  ctx?: Pick<ExecContext, "step" | "signal">,
  functions?: Functions,
): Promise<unknown> {
  const bounded = boundedExpression(expression);
  if (bounded) return evaluateHere(bounded, data, inputs, functions);
  const named = [...BOUNDED_FUNCTIONS].find((f) => functions?.[f] && expression.includes(`$${f}`));
  if (named) return Promise.reject(new StepError(`expression failed: $${named}(…) may only take literal or path arguments, beside paths and arithmetic`, false));
  return evaluateIsolated(expression, data, inputs, { timeoutMs: deadlineOf(ctx), signal: ctx?.signal });
}

async function evaluateHere(expr: NonNullable<ReturnType<typeof boundedExpression>>, data: unknown, inputs: Record<string, unknown>, functions?: Functions) {
  try {
    const out = await expr.evaluate(data, { inputs, ...functions });
    // JSONata returns arrays with a `sequence` marker; plain JSON is what steps store.
    return out === undefined ? undefined : JSON.parse(JSON.stringify(out));
  } catch (err) {
    throw new StepError(`expression failed: ${(err as Error).message}`, false);
  }
}

/**
 * A syntax check, on this thread: parsing cannot run away. The JSONata parser reads the text once,
 * left to right, and builds a tree no larger than the text; nothing of the expression is executed.
 * Nesting deep enough to overflow the stack throws a RangeError here, which is caught like any
 * syntax error (and expressions arrive inside request bodies of bounded size).
 */
export function checkExpression(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export const transform: Executor = async (inputs, ctx) => (await evaluate(String(inputs.expression), inputs.data ?? inputs, inputs, ctx)) ?? null;

/** Output `{result}`; the planner reads it to pick the branch. */
export const condition: Executor = async (inputs, ctx) => {
  const value = (await evaluate(String(inputs.expression), inputs.data ?? inputs, inputs, ctx)) ?? null;
  return { result: Boolean(value), value };
};
