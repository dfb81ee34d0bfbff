import jsonata from "jsonata";

// Most transforms are a path and some arithmetic: `$inputs.total * 1.2`, `{"id": order.id}`. Such
// an expression cannot loop: it has no functions, ranges, filters, bindings or recursion, so its
// evaluation walks the data a bounded number of times (once per path it names). Those run here,
// in-process, sparing the round trip to an evaluator process; anything else, which can run away,
// goes to the isolated evaluators (./pool.ts).

type Node = { type?: string; value?: unknown; steps?: Node[]; procedure?: Node; arguments?: Node[]; lhs?: unknown; rhs?: Node; expression?: Node; expressions?: Node[]; condition?: Node; then?: Node; else?: Node } & Record<string, unknown>;

const MAX_LENGTH = 500;
/** Paths an expression may name and still run here: its result is at most that many copies of the data. */
const MAX_PATHS = 8;
const OPERATORS = new Set(["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "&", "and", "or", "in"]);
// Node properties that mean more than a plain walk: filters, grouping, focus and index bindings, sorting.
const WALK_EXTRAS = ["stages", "predicate", "group", "focus", "index", "tuple", "ancestor"];
/**
 * Functions the engine binds that take constant time (templates' `$relativeDate`): a call with
 * bounded arguments is bounded. They exist only here, in-process; the evaluators do not have them.
 */
export const BOUNDED_FUNCTIONS = new Set(["relativeDate"]);

type Compiled = ReturnType<typeof jsonata>;
const cache = new Map<string, Compiled | null>();

/** The compiled expression when it is bounded (safe to run in-process), else null. */
export function boundedExpression(expression: string): Compiled | null {
  if (cache.has(expression)) return cache.get(expression)!;
  let out: Compiled | null = null;
  if (expression.length <= MAX_LENGTH) {
    try {
      const compiled = jsonata(expression);
      const paths = { n: 0 };
      if (isBounded(compiled.ast() as Node, paths) && paths.n <= MAX_PATHS) out = compiled;
    } catch {
      out = null; // not valid: the evaluator reports the error as it always has
    }
  }
  if (cache.size >= 1_000) cache.clear();
  cache.set(expression, out);
  return out;
}

function isBounded(node: Node, paths: { n: number }): boolean {
  if (!node || typeof node !== "object") return false;
  if (WALK_EXTRAS.some((k) => k in node)) return false;
  switch (node.type) {
    case "number":
    case "string":
    case "value":
      return true;
    case "name":
      return true;
    case "variable":
      // `$` (the data) and `$inputs` only: any other variable needs a binding or is a function.
      paths.n++;
      return node.value === "" || node.value === "inputs";
    case "path":
      paths.n++;
      return Array.isArray(node.steps) && node.steps.every((s) => (s.type === "variable" ? s.value === "" || s.value === "inputs" : isBounded(s, paths)));
    case "binary":
      return OPERATORS.has(String(node.value)) && isBounded(node.lhs as Node, paths) && isBounded(node.rhs!, paths);
    case "condition":
      return isBounded(node.condition!, paths) && isBounded(node.then!, paths) && (node.else === undefined || isBounded(node.else, paths));
    case "unary":
      if (node.value === "-") return isBounded(node.expression!, paths);
      if (node.value === "[") return (node.expressions ?? []).every((e) => isBounded(e, paths));
      if (node.value === "{") return Array.isArray(node.lhs) && (node.lhs as Node[][]).every((pair) => pair.every((p) => isBounded(p, paths)));
      return false;
    case "function":
      return (
        node.value === "(" &&
        node.procedure?.type === "variable" &&
        BOUNDED_FUNCTIONS.has(String(node.procedure.value)) &&
        (node.arguments ?? []).every((a) => isBounded(a, paths))
      );
    default:
      return false;
  }
}
