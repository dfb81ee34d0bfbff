// Renders a parsed template with an injected evaluator (the engine's sandboxed JSONata), so this
// file stays pure and testable. Text gets each hole's value as text; SQL gets `$n` placeholders
// and the values as bound parameters, so a value can never change the statement.
import type { TemplatePart } from "./parse-template";

export type EvaluateHole = (expression: string) => Promise<unknown>;

export class TemplateError extends Error {}

/** What one template may render to: a value that grows past this is refused, not built. */
export const MAX_RENDERED_CHARS = 1_000_000;
const tooLarge = () => new TemplateError(`renders to more than ${MAX_RENDERED_CHARS.toLocaleString("en")} characters`);

/** One hole and nothing else keeps the value's own type: `{{ params.limit }}` stays a number. */
export function isSingleHole(parts: TemplatePart[]): parts is [{ hole: string; offset: number }] {
  return parts.length === 1 && "hole" in parts[0]!;
}

async function valueOf(part: { hole: string }, evaluate: EvaluateHole): Promise<unknown> {
  const value = await evaluate(part.hole);
  // A path that names nothing must not quietly become "" (an email to "Dear ,").
  if (value === undefined) throw new TemplateError(`the hole {{ ${part.hole} }} has no value`);
  return value;
}

const asText = (value: unknown) => (typeof value === "string" ? value : value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

export async function renderText({ parts, evaluate }: { parts: TemplatePart[]; evaluate: EvaluateHole }): Promise<unknown> {
  if (isSingleHole(parts)) return valueOf(parts[0], evaluate);
  let out = "";
  for (const part of parts) {
    out += "text" in part ? part.text : asText(await valueOf(part, evaluate));
    if (out.length > MAX_RENDERED_CHARS) throw tooLarge();
  }
  return out;
}

/** SQL with `$n` for each hole, numbered after the `first - 1` parameters the step already has. */
export async function renderSql({ parts, evaluate, first = 1 }: { parts: TemplatePart[]; evaluate: EvaluateHole; first?: number }) {
  let sql = "";
  let size = 0;
  const params: unknown[] = [];
  for (const part of parts) {
    if ("text" in part) {
      sql += part.text;
      size += part.text.length;
      continue;
    }
    const value = await valueOf(part, evaluate);
    const bound = value !== null && typeof value === "object" ? JSON.stringify(value) : value;
    size += typeof bound === "string" ? bound.length : 16;
    if (size > MAX_RENDERED_CHARS) throw tooLarge();
    params.push(bound);
    sql += `$${first + params.length - 1}`;
  }
  return { sql, params };
}
