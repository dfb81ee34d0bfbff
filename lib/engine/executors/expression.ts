import jsonata from "jsonata";
import { StepError, type Executor } from "../types";

// transform and condition: JSONata, a sandboxed expression language (no eval, no I/O).

const MAX_EVAL_MS = 5_000;
const cache = new Map<string, ReturnType<typeof jsonata>>();

function compile(expression: string) {
  let expr = cache.get(expression);
  if (!expr) {
    try {
      expr = jsonata(expression);
    } catch (err) {
      throw new StepError(`invalid expression: ${(err as Error).message}`, false);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(expression, expr);
  }
  return expr;
}

/** Evaluates over `data`, with `$inputs` bound to all the step's inputs. */
export async function evaluate(expression: string, data: unknown, inputs: Record<string, unknown>): Promise<unknown> {
  const expr = compile(expression);
  const started = Date.now();
  try {
    const out = await expr.evaluate(data, { inputs });
    if (Date.now() - started > MAX_EVAL_MS) throw new StepError("expression took too long", false);
    // JSONata returns arrays with a `sequence` marker; plain JSON is what steps store.
    return out === undefined ? null : JSON.parse(JSON.stringify(out));
  } catch (err) {
    if (err instanceof StepError) throw err;
    throw new StepError(`expression failed: ${(err as Error).message}`, false);
  }
}

export function checkExpression(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export const transform: Executor = async (inputs) => evaluate(String(inputs.expression), inputs.data ?? inputs, inputs);

/** Output `{result}`; the planner reads it to pick the branch. */
export const condition: Executor = async (inputs) => {
  const value = await evaluate(String(inputs.expression), inputs.data ?? inputs, inputs);
  return { result: Boolean(value), value };
};
