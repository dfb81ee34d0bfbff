// A hole in SQL becomes a bound parameter ($1), which stands for one whole value. So a hole may not
// sit inside a quoted literal, a quoted identifier or a comment, where a parameter means nothing
// (`'%{{ x }}%'` must be written `'%' || {{ x }} || '%'`). This reads the SQL around the holes
// the way PostgreSQL's lexer does for the cases that matter: '…' (with '' and E'\…'), "…", $tag$…$tag$,
// -- to the end of the line, and nested /* … */.
import type { TemplatePart } from "./parse-template";

type Context = "code" | "single" | "escape" | "double" | "dollar" | "line" | "block";

const WHERE: Record<Exclude<Context, "code">, string> = {
  single: "a quoted string",
  escape: "a quoted string",
  double: "a quoted identifier",
  dollar: "a dollar-quoted string",
  line: "a comment",
  block: "a comment",
};

/** Null when every hole stands where a value can; else the first misplaced one, in words. */
export function sqlHoleProblem({ parts }: { parts: TemplatePart[] }): string | null {
  const state = { ctx: "code" as Context, tag: "", depth: 0 };
  for (const part of parts) {
    if ("text" in part) scan(part.text, state);
    else if (state.ctx !== "code")
      return `the hole {{ ${part.hole} }} is inside ${WHERE[state.ctx]}: a hole in SQL is a bound parameter standing for a whole value (write '%' || {{ … }} || '%' to build text)`;
  }
  return null;
}

/** Whether the character at `index` of a SQL text is plain code: not inside a literal, an identifier or a comment. */
export function isSqlCodeAt({ text, index }: { text: string; index: number }): boolean {
  const state = { ctx: "code" as Context, tag: "", depth: 0 };
  scan(text.slice(0, index), state);
  return state.ctx === "code";
}

function scan(text: string, s: { ctx: Context; tag: string; depth: number }) {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    switch (s.ctx) {
      case "code":
        if (c === "'") s.ctx = i > 0 && /[eE]/.test(text[i - 1]!) && !/\w/.test(text[i - 2] ?? "") ? "escape" : "single";
        else if (c === '"') s.ctx = "double";
        else if (c === "-" && next === "-") {
          s.ctx = "line";
          i++;
        } else if (c === "/" && next === "*") {
          s.ctx = "block";
          s.depth = 1;
          i++;
        } else if (c === "$") {
          const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
          if (m && !/[\w$]/.test(text[i - 1] ?? "")) {
            s.ctx = "dollar";
            s.tag = m[0];
            i += m[0].length - 1;
          }
        }
        break;
      case "single":
        if (c === "'") {
          if (next === "'") i++;
          else s.ctx = "code";
        }
        break;
      case "escape":
        if (c === "\\") i++;
        else if (c === "'") {
          if (next === "'") i++;
          else s.ctx = "code";
        }
        break;
      case "double":
        if (c === '"') {
          if (next === '"') i++;
          else s.ctx = "code";
        }
        break;
      case "dollar":
        if (text.startsWith(s.tag, i)) {
          s.ctx = "code";
          i += s.tag.length - 1;
        }
        break;
      case "line":
        if (c === "\n") s.ctx = "code";
        break;
      case "block":
        if (c === "/" && next === "*") {
          s.depth++;
          i++;
        } else if (c === "*" && next === "/") {
          i++;
          if (--s.depth === 0) s.ctx = "code";
        }
        break;
    }
  }
}
