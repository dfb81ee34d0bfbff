// Save-time checks of a template, so a broken one is a 422 naming its step rather than a failed
// run: it parses, each hole is JSONata, a SQL hole stands where a value can, and the steps and
// parameters its holes name exist. Parsing cannot run away (see lib/engine/executors/expression.ts).
import jsonata from "jsonata";
import { parseTemplate, type TemplatePart } from "./parse-template";
import { sqlHoleProblem } from "./sql-hole-problem";

/** `steps.<key>` and `params.<name>` as a hole names them. */
const STEP_REF = /(?<![\w$.])steps\.([a-z][a-z0-9_]*)/g;
const PARAM_REF = /(?<![\w$.])params\.([a-z][a-z0-9_]*)/g;

/** `params.<name>` in a template's holes, and not a longer name that starts the same. */
export const parameterHole = (name: string) => new RegExp(`(?<![\\w$.])params\\.${name}(?![a-z0-9_])`, "g");

/** Each hole is compiled on save and evaluated on every run: a template has a handful, never thousands. */
const MAX_HOLES = 50;

/**
 * Holes already parsed, and the parser's complaint (or null): a run's thousand queries share a
 * handful of relative-date holes, and JSONata's parser was most of the crystallizer's time.
 * Bounded: cleared when full, so no workspace can grow it without limit.
 */
const parsedHoles = new Map<string, string | null>();
const MAX_PARSED_HOLES = 2_000;
function holeProblem(hole: string): string | null {
  const known = parsedHoles.get(hole);
  if (known !== undefined) return known;
  let problem: string | null = null;
  try {
    jsonata(hole);
  } catch (err) {
    problem = (err as Error).message;
  }
  if (parsedHoles.size >= MAX_PARSED_HOLES) parsedHoles.clear();
  if (hole.length <= 500) parsedHoles.set(hole, problem);
  return problem;
}

export type TemplateRefs = { steps: string[]; params: string[] };

export function checkTemplate({ template, sql }: { template: string; sql: boolean }): { problem: string } | { parts: TemplatePart[]; refs: TemplateRefs } {
  const parsed = parseTemplate({ template });
  if (!parsed.ok) return { problem: parsed.problem };
  const holes = parsed.parts.filter((p) => "hole" in p).length;
  if (holes > MAX_HOLES) return { problem: `has ${holes} holes; a template may have at most ${MAX_HOLES}` };
  const refs: TemplateRefs = { steps: [], params: [] };
  for (const part of parsed.parts) {
    if (!("hole" in part)) continue;
    const problem = holeProblem(part.hole);
    if (problem !== null) return { problem: `the hole {{ ${part.hole} }} is not a valid expression: ${problem}` };
    for (const m of part.hole.matchAll(STEP_REF)) refs.steps.push(m[1]!);
    for (const m of part.hole.matchAll(PARAM_REF)) refs.params.push(m[1]!);
  }
  if (sql) {
    const problem = sqlHoleProblem({ parts: parsed.parts });
    if (problem) return { problem };
  }
  return { parts: parsed.parts, refs };
}
