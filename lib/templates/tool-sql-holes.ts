// Where each hole of SQL sent to a tool as text stands. The tool's dialect is unknown, and
// dialects disagree about where a literal, an identifier or a comment ends: MySQL and BigQuery
// read `\'` as a quote inside a string, `#` as a comment and `…` as an identifier, T-SQL reads
// [ … ] as one, Oracle q'[ … ]', PostgreSQL $$ … $$ and nested comments. A text that one of
// them reads differently (`'it\'s'`) would put a hole we think is plain code inside another
// dialect's literal, where a quoted value would end it. So the text is read the way each of
// these dialects would, and a hole is a "literal" hole only where every reading says plain code
// and it stands alone as a token; everywhere else it is "inert": only a date or a number may go
// there, whose characters mean nothing in any of these contexts.
import type { TemplatePart } from "./parse-template";

export type ToolSqlHole = "literal" | "inert";

type Dialect = {
  /** Backslash escapes in '…' (and in "…" when "both"). */
  backslash?: "single" | "both";
  /** PostgreSQL E'…' takes backslash escapes. */
  eStrings?: boolean;
  /** $tag$…$tag$ ("tag") or only $$…$$ ("plain"). */
  dollar?: "tag" | "plain";
  nestedComments?: boolean;
  backtick?: boolean;
  brackets?: boolean;
  hashComments?: boolean;
  /** MySQL: `--` starts a comment only before a space or a control character. */
  dashNeedsSpace?: boolean;
  slashComments?: boolean;
  /** BigQuery '''…''' and """…""", and r'…' raw strings without escapes. */
  triple?: boolean;
  raw?: boolean;
  /** Oracle q'[…]', q'{…}', q'!…!'. */
  qQuotes?: boolean;
};

const DIALECTS: Dialect[] = [
  { eStrings: true, dollar: "tag", nestedComments: true }, // PostgreSQL
  { backslash: "both", backtick: true, hashComments: true, dashNeedsSpace: true }, // MySQL, MariaDB
  { backslash: "both", backtick: true, hashComments: true, triple: true, raw: true }, // BigQuery, Spark
  { brackets: true, nestedComments: true }, // SQL Server
  { qQuotes: true }, // Oracle
  { backslash: "single", dollar: "plain", slashComments: true }, // Snowflake
  { backtick: true, brackets: true }, // SQLite
];

/** Inside a quote: what ends it, whether doubling that escapes it, whether a backslash escapes. */
type State =
  | { ctx: "code" }
  | { ctx: "quote"; close: string; doubled: boolean; escapes: boolean }
  | { ctx: "line" }
  | { ctx: "block"; depth: number };

const WORD = /[\p{L}\p{N}_$]/u;
const Q_CLOSERS: Record<string, string> = { "[": "]", "{": "}", "(": ")", "<": ">" };

function step(d: Dialect, s: State, text: string, i: number): { s: State; i: number } {
  const c = text[i]!;
  const next = text[i + 1];
  switch (s.ctx) {
    case "code": {
      const prev = text[i - 1];
      const bare = prev === undefined || !WORD.test(prev);
      if (d.qQuotes && (c === "q" || c === "Q") && next === "'" && bare && text[i + 2] !== undefined) {
        const open = text[i + 2]!;
        return { s: { ctx: "quote", close: `${Q_CLOSERS[open] ?? open}'`, doubled: false, escapes: false }, i: i + 3 };
      }
      if (d.raw && (c === "r" || c === "R") && (next === "'" || next === '"') && (bare || /[bB]/.test(prev!))) {
        const close = d.triple && text.startsWith(next.repeat(3), i + 1) ? next.repeat(3) : next;
        return { s: { ctx: "quote", close, doubled: false, escapes: false }, i: i + 1 + close.length };
      }
      if (c === "'" || c === '"') {
        const escapes = d.backslash === "both" || (c === "'" && (d.backslash === "single" || (d.eStrings === true && /[eE]/.test(prev ?? "") && !WORD.test(text[i - 2] ?? ""))));
        if (d.triple && text.startsWith(c.repeat(3), i)) return { s: { ctx: "quote", close: c.repeat(3), doubled: false, escapes }, i: i + 3 };
        return { s: { ctx: "quote", close: c, doubled: true, escapes }, i: i + 1 };
      }
      if (c === "`" && d.backtick) return { s: { ctx: "quote", close: "`", doubled: true, escapes: false }, i: i + 1 };
      if (c === "[" && d.brackets) return { s: { ctx: "quote", close: "]", doubled: true, escapes: false }, i: i + 1 };
      if (c === "-" && next === "-" && (!d.dashNeedsSpace || text[i + 2] === undefined || /[\s\p{Cc}]/u.test(text[i + 2]!))) return { s: { ctx: "line" }, i: i + 2 };
      if ((c === "#" && d.hashComments) || (c === "/" && next === "/" && d.slashComments)) return { s: { ctx: "line" }, i: i + 1 };
      if (c === "/" && next === "*") return { s: { ctx: "block", depth: 1 }, i: i + 2 };
      if (c === "$" && d.dollar) {
        const m = (d.dollar === "tag" ? /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/ : /^\$\$/).exec(text.slice(i, i + 65));
        if (m && (prev === undefined || !/[\w$]/.test(prev))) return { s: { ctx: "quote", close: m[0], doubled: false, escapes: false }, i: i + m[0].length };
      }
      return { s, i: i + 1 };
    }
    case "quote":
      if (s.escapes && c === "\\") return { s, i: i + 2 };
      if (text.startsWith(s.close, i)) {
        if (s.doubled && text.startsWith(s.close, i + s.close.length)) return { s, i: i + 2 * s.close.length };
        return { s: { ctx: "code" }, i: i + s.close.length };
      }
      return { s, i: i + 1 };
    case "line":
      return { s: c === "\n" || c === "\r" ? { ctx: "code" } : s, i: i + 1 };
    case "block":
      if (c === "*" && next === "/") return { s: s.depth === 1 ? { ctx: "code" } : { ctx: "block", depth: s.depth - 1 }, i: i + 2 };
      if (c === "/" && next === "*" && d.nestedComments) return { s: { ctx: "block", depth: s.depth + 1 }, i: i + 2 };
      return { s, i: i + 1 };
  }
}

/** Every dialect's reading of a SQL text fed to it in order, piece by piece. */
export class SqlReadings {
  private states: State[] = DIALECTS.map(() => ({ ctx: "code" }));
  feed(text: string) {
    this.states = this.states.map((s, k) => {
      let state = s;
      for (let i = 0; i < text.length; ) ({ s: state, i } = step(DIALECTS[k]!, state, text, i));
      return state;
    });
  }
  /** Whether every dialect reads what comes next as plain code. */
  get code(): boolean {
    return this.states.every((s) => s.ctx === "code");
  }
}

/**
 * A literal stands alone: after an operator, a comma, a parenthesis or a space, and before a
 * space, a comma, a closing parenthesis, a cast or the end. A neighbouring letter or quote would
 * make it a prefixed string (E'…', q'…') or run it into the next token; a slash, a path.
 */
export const standsAlone = (before: string | undefined, after: string | undefined) =>
  (before === undefined || /[\s(,=<>!]/.test(before)) && (after === undefined || /[\s),;:]/.test(after));

/** A hole that is a JSONata string and nothing else (`{{ "{{" }}`, how a literal `{{` is written): the author's text, not a run's value. */
export const constantText = (hole: string): string | null => (/^(?:"[^"\\]*"|'[^'\\]*')$/.test(hole) ? hole.slice(1, -1) : null);

/** Each hole's kind, in order; a constant hole is read as the text it is. */
export function toolSqlHoles({ parts }: { parts: TemplatePart[] }): (ToolSqlHole | "constant")[] {
  const texts = parts.map((p) => ("text" in p ? p.text : constantText(p.hole)));
  const readings = new SqlReadings();
  return parts.flatMap((part, i) => {
    const text = texts[i];
    if (text !== null && text !== undefined) {
      readings.feed(text);
      return "text" in part ? [] : ["constant" as const];
    }
    // A hole beside another hole stands beside text no one has read yet.
    const [before, after] = [texts[i - 1], texts[i + 1]];
    if (before === null || after === null) return ["inert" as const];
    return [readings.code && standsAlone(before?.at(-1), after?.[0]) ? ("literal" as const) : ("inert" as const)];
  });
}
