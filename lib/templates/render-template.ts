// Renders a parsed template with an injected evaluator (the engine's sandboxed JSONata), so this
// file stays pure and testable. Text gets each hole's value as text; SQL gets `$n` placeholders
// and the values as bound parameters, so a value can never change the statement; SQL a tool
// receives as text gets checked literals (renderSqlText), for the same reason.
import type { TemplatePart } from "./parse-template";
import { constantText, toolSqlHoles } from "./tool-sql-holes";

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

/**
 * What a literal hole's value may not hold, in any dialect: what ends a string or an identifier
 * (' " ` ]), the backslash that escapes in MySQL, BigQuery and Snowflake strings, a control
 * character (a line break ends a -- or # comment; NUL cuts a statement short in some drivers),
 * and look-alikes that a character-set conversion folds into ' or \ (¥ and ₩ are 0x5C in
 * Shift_JIS and EUC-KR; SQL Server's best-fit mapping turns ʼ and ＇ into ').
 */
const UNSAFE_IN_LITERAL = /['"`\\\]\p{Cc}\u2028\u2029\u00a5\u20a9\u02b9\u02ba\u02bc\u02c8\u2018-\u201d\u2032\u2033\u2035\ufe68\uff02\uff07\uff3c\uff40]/u;
/** A date or datetime as $relativeDate writes them, or a plain number: nothing in it opens or closes anything. */
const INERT_TEXT = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\d{4}[-/]\d{2}(?:[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)$/;

const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : `a ${typeof value}`);
const describeChar = (c: string) =>
  c === "'" ? "a quote (')" : c === "\\" ? "a backslash" : /\p{Cc}/u.test(c) ? `a control character (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})` : `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;

/** A literal hole's value as SQL: a string quoted, a finite number bare (a negative one in parentheses, so `x -{{ n }}` is no `--` comment). */
function sqlLiteral(hole: string, value: unknown): string {
  const refuse = (why: string) => new TemplateError(`the hole {{ ${hole} }} stands for a literal in SQL the tool receives as text, and ${why}; the step did not run`);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw refuse("its value is not a finite number");
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value !== "string") throw refuse(`its value is ${kindOf(value)}, which has no literal that every SQL dialect reads alike (pass a string or a number)`);
  const bad = UNSAFE_IN_LITERAL.exec(value);
  if (bad) throw refuse(`its value holds ${describeChar(bad[0])}, which could end or escape the literal in some SQL dialect (a value here may not hold ' " \` ] \\ or a control character)`);
  return `'${value}'`;
}

/** An inert hole's value: a date or a number as written, which cannot change the statement wherever it lands. */
function inertText(hole: string, value: unknown, before: string | undefined): string {
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" && INERT_TEXT.test(value) ? value : null;
  if (text === null)
    throw new TemplateError(
      `the hole {{ ${hole} }} is inside a quoted string, an identifier or a comment of SQL the tool receives as text (or does not stand alone there), where only a date or a number may go, and its value is not one; the step did not run (to pass text, let the hole be the whole literal: region = {{ … }})`,
    );
  // `-` then `-5` would start a comment.
  if (before === "-" && text.startsWith("-")) throw new TemplateError(`the hole {{ ${hole} }} follows a minus sign and its value is negative, which would make a -- comment; the step did not run`);
  return text;
}

/**
 * SQL a tool receives as text (see sql-input-mode.ts and tool-sql-holes.ts). A hole standing
 * alone in plain code, where a whole quoted literal stood (`region = {{ params.region }}`),
 * becomes a quoted literal, and a value that some dialect would need escaped is refused, not
 * escaped, since the dialect is unknown. Any other hole (`'{{ $relativeDate(…) }}'`, inside a
 * literal, an identifier or a comment) takes only a date or a number. A hole that is a string
 * constant is the author's text. A lone hole is the whole input, as a parameter reference would
 * be, and keeps its value.
 */
export async function renderSqlText({ parts, evaluate }: { parts: TemplatePart[]; evaluate: EvaluateHole }): Promise<unknown> {
  if (isSingleHole(parts)) return valueOf(parts[0], evaluate);
  const kinds = toolSqlHoles({ parts });
  let out = "";
  let n = 0;
  for (const part of parts) {
    if ("text" in part) out += part.text;
    else {
      const kind = kinds[n++];
      if (kind === "constant") out += constantText(part.hole)!;
      else {
        const value = await valueOf(part, evaluate);
        out += kind === "literal" ? sqlLiteral(part.hole, value) : inertText(part.hole, value, out.at(-1));
      }
    }
    if (out.length > MAX_RENDERED_CHARS) throw tooLarge();
  }
  return out;
}
